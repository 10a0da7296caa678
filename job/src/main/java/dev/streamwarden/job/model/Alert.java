package dev.streamwarden.job.model;

import dev.streamwarden.api.Normalized;
import java.util.Arrays;
import java.util.Objects;

/** A rule fired. Everything an output needs to tell a human what happened and where to look. */
public class Alert {
    /** Deterministic: the same detection always gets the same id (rule + merge key + window, or rule + event). */
    public String id;

    public String rule;
    public String severity;
    public String description;
    public String logType;
    public String source;
    public long eventCount;
    public long firstSeen;
    public long lastSeen;
    /** The keyed values as a JSON object, e.g. {"srcaddr":"10.0.0.9"}; "{}" for per-event rules. */
    public String mergeKey;
    /** Up to ten sample records, each a JSON object. */
    public String[] records;
    /** Named outputs, e.g. "slack:default". */
    public String[] outputs;
    /** The rule's context for outputs as a JSON object, e.g. {"runbook":"https://..."}. */
    public String context;
    /** The rule's merge window in ms (0: never merged); alerts of one rule and merge key within it merge. */
    public long mergeWindow;
    /** How many alerts this one stands for (more than 1 for a merge summary). */
    public long alertCount = 1;
    /** The normalized fields of the event that completed the detection (a summary: of its group's first alert). */
    public Normalized fields = new Normalized();

    /** The key alerts are merged by: rule, source (always part of a key) and merge-key values. */
    public String mergeGroup() {
        return rule + '\u0000' + source + '\u0000' + mergeKey;
    }

    public Alert() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Alert)) {
            return false;
        }
        Alert a = (Alert) o;
        return eventCount == a.eventCount
                && mergeWindow == a.mergeWindow
                && alertCount == a.alertCount
                && firstSeen == a.firstSeen
                && lastSeen == a.lastSeen
                && Objects.equals(id, a.id)
                && Objects.equals(rule, a.rule)
                && Objects.equals(severity, a.severity)
                && Objects.equals(description, a.description)
                && Objects.equals(logType, a.logType)
                && Objects.equals(source, a.source)
                && Objects.equals(mergeKey, a.mergeKey)
                && Arrays.equals(records, a.records)
                && Arrays.equals(outputs, a.outputs)
                && Objects.equals(context, a.context)
                && Objects.equals(fields, a.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, rule);
    }

    @Override
    public String toString() {
        return "Alert{id=" + id + ", rule=" + rule + ", severity=" + severity + ", source=" + source + ", mergeKey="
                + mergeKey + ", eventCount=" + eventCount + '}';
    }
}
