package dev.streamwarden.job.deliver;

/**
 * A token bucket for one webhook: Slack takes about one message per second per channel with short bursts. Sends
 * beyond the rate are not dropped: {@link #reserve} says how long to wait, and the caller schedules the send.
 * A 429's Retry-After pauses every send through the bucket, not only the one that was refused.
 */
final class SendRate {
    private final long intervalNanos;
    private final long burstNanos;
    private long nextFree;

    SendRate(double perSecond, int burst, long nowNanos) {
        if (perSecond <= 0 || burst < 1) {
            throw new IllegalArgumentException("rate must be positive and burst at least 1");
        }
        // An infinite rate leaves an interval of 0: never a wait.
        this.intervalNanos = (long) (1e9 / perSecond);
        this.burstNanos = (burst - 1) * intervalNanos;
        this.nextFree = nowNanos - burstNanos;
    }

    /** Takes the next free slot; returns how many nanoseconds from now it starts (0: send now). */
    synchronized long reserve(long nowNanos) {
        // Unused capacity accumulates up to the burst, no further.
        nextFree = Math.max(nextFree, nowNanos - burstNanos);
        long wait = Math.max(0, nextFree - nowNanos);
        nextFree += intervalNanos;
        return wait;
    }

    /** Nothing goes out before {@code nowNanos + pauseNanos}. */
    synchronized void pause(long nowNanos, long pauseNanos) {
        nextFree = Math.max(nextFree, nowNanos + pauseNanos);
    }
}
