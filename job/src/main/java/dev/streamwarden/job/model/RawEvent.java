package dev.streamwarden.job.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One event unpacked from a record, not yet classified: its text plus the envelope it came in.
 *
 * <p>When unpacking already parsed the event as JSON the tree rides along in a transient field so the
 * classifier chained behind does not parse it again; it is only a cache, the text is the truth.
 */
public class RawEvent {
    public String source;
    public String origin;
    public String sequenceNumber;
    public long arrivalTime;
    /** The envelope's time for this event (CloudWatch Logs logEvents[].timestamp), epoch ms; 0 when none. */
    public long envelopeTime;
    /** Why the envelope's time could not be read (it is then 0), or null: the classifier records it on the event. */
    public String envelopeError;

    public String logGroup;
    public String logStream;
    public String owner;
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
        e.source = record.source;
        e.origin = record.origin;
        e.sequenceNumber = record.sequenceNumber;
        e.arrivalTime = record.arrivalTime;
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
        return arrivalTime == e.arrivalTime
                && envelopeTime == e.envelopeTime
                && Objects.equals(envelopeError, e.envelopeError)
                && Objects.equals(source, e.source)
                && Objects.equals(origin, e.origin)
                && Objects.equals(sequenceNumber, e.sequenceNumber)
                && Objects.equals(logGroup, e.logGroup)
                && Objects.equals(logStream, e.logStream)
                && Objects.equals(owner, e.owner)
                && Objects.equals(payload, e.payload)
                && Objects.equals(extractedFields, e.extractedFields)
                && Objects.equals(firstLine, e.firstLine);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, sequenceNumber, envelopeTime, payload);
    }

    @Override
    public String toString() {
        return "RawEvent{source=" + source + ", sequenceNumber=" + sequenceNumber + ", logGroup=" + logGroup
                + ", payload=" + payload + '}';
    }
}
