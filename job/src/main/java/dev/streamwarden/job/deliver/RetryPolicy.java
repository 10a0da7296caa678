package dev.streamwarden.job.deliver;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How hard an output tries before giving an alert up: attempts, backoff bounds, per-request timeout, and the
 * deadline after the first attempt beyond which no retry starts (whichever of attempts and deadline ends first).
 */
public final class RetryPolicy implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Duration requestTimeout;
    private final Duration deadline;

    public RetryPolicy(
            int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration requestTimeout, Duration deadline) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive");
        }
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.requestTimeout = requestTimeout;
        this.deadline = deadline;
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration deadline() {
        return deadline;
    }

    /** Whether to try again after {@code attempts} failed ones, the first {@code elapsedMillis} ago. */
    public boolean retries(int attempts, long elapsedMillis, long delayMillis) {
        return attempts < maxAttempts && elapsedMillis + delayMillis < deadline.toMillis();
    }

    /**
     * Full-jitter exponential backoff: uniform in [0, min(maxBackoff, initialBackoff * 2^retry)) milliseconds,
     * where retry counts from 0 for the first retry. Full jitter spreads out many senders that failed together.
     */
    public long backoffMillis(int retry, Random random) {
        // Doubles saturate (to infinity, then maxBackoff) where long shifts would overflow.
        double ceiling = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() * Math.pow(2, retry));
        return (long) (random.nextDouble() * ceiling);
    }

    /**
     * The longest one delivery can take from its first attempt: every attempt timing out after the longest backoff,
     * or a last attempt started just before the deadline.
     */
    public long worstCaseMillis() {
        long allAttempts = maxAttempts * requestTimeout.toMillis() + (maxAttempts - 1) * maxBackoff.toMillis();
        return Math.min(allAttempts, deadline.toMillis() + requestTimeout.toMillis());
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RetryPolicy)) {
            return false;
        }
        RetryPolicy p = (RetryPolicy) o;
        return maxAttempts == p.maxAttempts
                && initialBackoff.equals(p.initialBackoff)
                && maxBackoff.equals(p.maxBackoff)
                && requestTimeout.equals(p.requestTimeout)
                && deadline.equals(p.deadline);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, maxBackoff, requestTimeout, deadline);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", maxBackoff="
                + maxBackoff + ", requestTimeout=" + requestTimeout + ", deadline=" + deadline + '}';
    }
}
