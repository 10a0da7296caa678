package dev.streamwarden.job.model;

import dev.streamwarden.api.Envelope;
import dev.streamwarden.api.Normalized;
import java.util.Objects;

/** An event that counts towards a stateful rule, reduced to what the keyed state needs. */
public class RuleInput {
    public String rule;
    /** Where the event came from: its source is part of the key; the rest names a dead letter if the rule fails. */
    public Envelope envelope;

    public String logType;
    /** The rule's key values as a JSON object, e.g. {"srcaddr":"10.0.0.9"}. */
    public String key;
    /** The counted value (distinct-count rules), the compared value (sequence rules), or null. */
    public String value;
    /** For sequence rules: the event matches the rule's first step. */
    public boolean firstStep;
    /** For sequence rules: the event matches the rule's second step (an event may match both). */
    public boolean secondStep;

    public long eventTime;
    /** The event's record (JSON), kept as a sample for the alert. */
    public String record;
    /** The event's normalized fields, shown on the alert when this event completes a detection. */
    public Normalized fields;

    public RuleInput() {}

    /** The key the stream is partitioned by: source is always part of it, never all of it. */
    public String partitionKey() {
        return rule + '\u0000' + envelope.source + '\u0000' + key;
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
                && firstStep == r.firstStep
                && secondStep == r.secondStep
                && Objects.equals(rule, r.rule)
                && Objects.equals(envelope, r.envelope)
                && Objects.equals(logType, r.logType)
                && Objects.equals(key, r.key)
                && Objects.equals(value, r.value)
                && Objects.equals(record, r.record);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rule, envelope, key, value, eventTime);
    }

    @Override
    public String toString() {
        return "RuleInput{rule=" + rule + ", " + envelope + ", key=" + key + ", value=" + value + ", eventTime="
                + eventTime + '}';
    }
}
