package dev.streamwarden.job.model;

import java.util.Objects;

/** An event that counts towards a stateful rule, reduced to what the keyed state needs. */
public class RuleInput {
    public String rule;
    public String source;
    public String logType;
    /** The rule's key values as a JSON object, e.g. {"srcaddr":"10.0.0.9"}. */
    public String key;
    /** The value whose distinct occurrences are counted. */
    public String value;
    public long eventTime;
    /** The event's record (JSON), kept as a sample for the alert. */
    public String record;

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
                && Objects.equals(rule, r.rule)
                && Objects.equals(source, r.source)
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
        return "RuleInput{rule=" + rule + ", source=" + source + ", key=" + key + ", value=" + value
                + ", eventTime=" + eventTime + '}';
    }
}
