package dev.streamwarden.job.detect;

import java.util.Objects;

/** The pending first step of a sequence rule for one key. */
public class SequenceStart {
    public long eventTime;
    /** The value to compare with the second step's (may be null). */
    public String value;

    public String record;
    /** When (processing time) this step is forgotten. */
    public long expiresAt;

    public SequenceStart() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SequenceStart)) {
            return false;
        }
        SequenceStart s = (SequenceStart) o;
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
        return "SequenceStart{eventTime=" + eventTime + ", value=" + value + ", expiresAt=" + expiresAt + '}';
    }
}
