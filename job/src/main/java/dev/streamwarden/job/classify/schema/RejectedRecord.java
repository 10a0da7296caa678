package dev.streamwarden.job.classify.schema;

/**
 * One element of a batch (an envelope's {@code Findings[*]}, a map of arrays) that is not an event of the log type
 * its siblings are: it becomes a dead letter of its own, and the siblings are kept.
 */
public final class RejectedRecord {
    public final String reason;
    /** The element as JSON, for the dead letter. */
    public final String text;

    RejectedRecord(String reason, String text) {
        this.reason = reason;
        this.text = text;
    }
}
