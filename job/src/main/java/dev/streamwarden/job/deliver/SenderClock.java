package dev.streamwarden.job.deliver;

/**
 * Time as one webhook sender lives it: a monotonic clock (the rate limit's slots, the retry deadline), the wall
 * clock (signature timestamps), and steps run after a delay (a send waiting for its slot, a retry waiting out its
 * backoff or a Retry-After). {@link SystemSenderClock} in production; tests drive a manual one, so every wait is
 * asserted exactly instead of measured on a machine whose speed nobody controls.
 */
interface SenderClock {
    /** Monotonic nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();

    /** Milliseconds since the epoch, as {@link System#currentTimeMillis()}. */
    long epochMillis();

    /**
     * Runs {@code step} once {@code delayNanos} have passed.
     *
     * @throws java.util.concurrent.RejectedExecutionException once stopped
     */
    void schedule(Runnable step, long delayNanos);

    /** Drops every step still waiting and refuses new ones, so no retry outlives the operator. */
    void stop();
}
