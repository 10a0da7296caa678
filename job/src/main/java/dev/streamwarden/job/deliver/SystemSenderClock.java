package dev.streamwarden.job.deliver;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The system's clocks, and one daemon thread that runs the delayed steps of one sender. */
final class SystemSenderClock implements SenderClock {
    private final ScheduledExecutorService waits;

    SystemSenderClock(String threadName) {
        waits = Executors.newSingleThreadScheduledExecutor(WebhookNotifier.daemonThreads(threadName));
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public long epochMillis() {
        return System.currentTimeMillis();
    }

    @Override
    public void schedule(Runnable step, long delayNanos) {
        waits.schedule(step, delayNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void stop() {
        waits.shutdownNow();
    }
}
