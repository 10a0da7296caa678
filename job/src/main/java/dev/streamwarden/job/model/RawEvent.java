package dev.streamwarden.job.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Envelope;
import java.util.Objects;

/**
 * One event unpacked from a record, not yet classified: its text plus the envelope it came in.
 *
 * <p>When unpacking already parsed the event as JSON the tree rides along in a transient field so the
 * classifier chained behind does not parse it again; it is only a cache, the text is the truth.
 */
public class RawEvent {
    /** Its record's envelope (with the CloudWatch Logs group, stream and owner when it came that way). */
    public Envelope envelope;
    /** The envelope's time for this event (CloudWatch Logs logEvents[].timestamp), epoch ms; 0 when none. */
    public long envelopeTime;
    /** Why the envelope's time could not be read (it is then 0), or null: the classifier records it on the event. */
    public String envelopeError;

    /** The event's text: a JSON object, or a raw log line. */
    public String payload;
    /** CloudWatch Logs extractedFields (a JSON object of strings) when a filter pattern produced them. */
    public String extractedFields;
    /** For a line of a multi-line text record: the record's first line (a header, for header-driven formats). */
    public String firstLine;

    private transient JsonNode parsed;

    public RawEvent() {}

    public static RawEvent from(RawRecord record, String payload) {
        RawEvent e = new RawEvent();
        e.envelope = record.envelope;
        e.payload = payload;
        return e;
    }

    /** The payload already parsed as JSON by the unpacker, or null. */
    public JsonNode parsed() {
        return parsed;
    }

    public RawEvent withParsed(JsonNode tree) {
        this.parsed = tree;
        return this;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RawEvent)) {
            return false;
        }
        RawEvent e = (RawEvent) o;
        return envelopeTime == e.envelopeTime
                && Objects.equals(envelopeError, e.envelopeError)
                && Objects.equals(envelope, e.envelope)
                && Objects.equals(payload, e.payload)
                && Objects.equals(extractedFields, e.extractedFields)
                && Objects.equals(firstLine, e.firstLine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(envelope, envelopeTime, payload);
    }

    @Override
    public String toString() {
        return "RawEvent{" + envelope + ", payload=" + payload + '}';
    }
}
