package dev.streamwarden.job.model;

import dev.streamwarden.api.Normalized;
import java.util.Objects;

/** An event that counts towards a stateful rule, reduced to what the keyed state needs. */
public class RuleInput {
    public static final int FIRST = 1;
    public static final int THEN = 2;

    public String rule;
    public String source;
    /** Where the event's record came from (shard, sequence number, arrival): for a dead letter if the rule fails. */
    public String origin;

    public String sequenceNumber;
    public long arrivalTime;
    public String logType;
    /** The rule's key values as a JSON object, e.g. {"srcaddr":"10.0.0.9"}. */
    public String key;
    /** The counted value (distinct-count rules), the compared value (sequence rules), or null. */
    public String value;
    /** For sequence rules: {@link #FIRST} and/or {@link #THEN}. */
    public int steps;

    public long eventTime;
    /** The event's record (JSON), kept as a sample for the alert. */
    public String record;
    /** The event's normalized fields, shown on the alert when this event completes a detection. */
    public Normalized fields;

    public RuleInput() {}

    /** The key the stream is partitioned by: source is always part of it, never all of it. */
    public String partitionKey() {
        return rule + '\u0000' + source + '\u0000' + key;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RuleInput)) {
            return false;
        }
        RuleInput r = (RuleInput) o;
        return eventTime == r.eventTime
                && steps == r.steps
                && arrivalTime == r.arrivalTime
                && Objects.equals(rule, r.rule)
                && Objects.equals(source, r.source)
                && Objects.equals(origin, r.origin)
                && Objects.equals(sequenceNumber, r.sequenceNumber)
                && Objects.equals(logType, r.logType)
                && Objects.equals(key, r.key)
                && Objects.equals(value, r.value)
                && Objects.equals(record, r.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, source, key, value, eventTime);
    }

    @Override
    public String toString() {
        return "RuleInput{rule=" + rule + ", source=" + source + ", key=" + key + ", value=" + value + ", eventTime="
                + eventTime + '}';
    }
}
