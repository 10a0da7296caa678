package dev.streamwarden.job.deliver;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * A sender clock that only the test moves: time stands still until {@link #advance}, which runs the steps then due
 * on the test's thread, earliest first. Steps are scheduled from other threads too (an HTTP response arriving), so
 * the test waits for them with {@link #awaitSteps}; those waits have no deadline of their own (the test's
 * {@code @Timeout} bounds them), and nothing here depends on how fast the machine is.
 */
final class ManualSenderClock implements SenderClock {
    /** What {@link #epochMillis()} says before the first advance. */
    static final Instant START = Instant.parse("2026-11-28T10:00:00Z");

    private final PriorityQueue<Step> steps =
            new PriorityQueue<>(Comparator.comparingLong((Step s) -> s.dueNanos).thenComparingLong(s -> s.order));
    private long nowNanos;
    private long scheduled;
    private boolean stopped;

    private static final class Step {
        final long dueNanos;
        final long order;
        final Runnable action;

        Step(long dueNanos, long order, Runnable action) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.action = action;
        }
    }

    @Override
    public synchronized long nanoTime() {
        return nowNanos;
    }

    @Override
    public synchronized long epochMillis() {
        return START.toEpochMilli() + nowNanos / 1_000_000;
    }

    @Override
    public synchronized void schedule(Runnable step, long delayNanos) {
        if (stopped) {
            throw new RejectedExecutionException("the clock was stopped");
        }
        steps.add(new Step(nowNanos + delayNanos, scheduled++, step));
        notifyAll();
    }

    @Override
    public synchronized void stop() {
        stopped = true;
        steps.clear();
        notifyAll();
    }

    /** Moves time on by {@code by}, then runs every step due by then, including steps those schedule. */
    void advance(Duration by) {
        synchronized (this) {
            nowNanos += by.toNanos();
        }
        for (Runnable step = nextDue(); step != null; step = nextDue()) {
            step.run(); // outside the lock: a step's HTTP response may schedule the next one meanwhile
        }
    }

    private synchronized Runnable nextDue() {
        Step first = steps.peek();
        if (first == null || first.dueNanos > nowNanos) {
            return null;
        }
        return steps.poll().action;
    }

    /** Waits until at least {@code count} steps wait. */
    synchronized void awaitSteps(int count) throws InterruptedException {
        while (steps.size() < count) {
            wait();
        }
    }

    /** Waits until a step waits or {@code done} completed; true when a step waits. */
    boolean awaitStepUnless(CompletableFuture<?> done) throws InterruptedException {
        done.whenComplete((result, error) -> wake());
        synchronized (this) {
            while (steps.isEmpty() && !done.isDone()) {
                wait();
            }
            return !steps.isEmpty();
        }
    }

    private synchronized void wake() {
        notifyAll();
    }

    /** How long from now each waiting step is due, earliest first. */
    synchronized List<Duration> waiting() {
        List<Step> sorted = new ArrayList<>(steps);
        sorted.sort(steps.comparator());
        List<Duration> delays = new ArrayList<>();
        for (Step step : sorted) {
            delays.add(Duration.ofNanos(step.dueNanos - nowNanos));
        }
        return delays;
    }
}
