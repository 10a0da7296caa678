package dev.streamwarden.job.detect;

import java.util.Objects;

/**
 * One step of a sequence rule waiting, in keyed state, for its partner: a first step waiting for a second (state
 * "start"), or a second step that arrived before any first step it could follow (state "pending-then": shards lag
 * and trail files batch, so the order of arrival is not the order of events).
 */
public class PendingStep {
    public long eventTime;
    /** The value the two steps must share (may be null). */
    public String value;

    /** The step's event record, a sample for the alert. */
    public String record;
    /** When (processing time) this step is forgotten. */
    public long expiresAt;

    public PendingStep() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PendingStep)) {
            return false;
        }
        PendingStep s = (PendingStep) o;
        return eventTime == s.eventTime
                && expiresAt == s.expiresAt
                && Objects.equals(value, s.value)
                && Objects.equals(record, s.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventTime, value, expiresAt);
    }

    @Override
    public String toString() {
        return "PendingStep{eventTime=" + eventTime + ", value=" + value + ", expiresAt=" + expiresAt + '}';
    }
}
