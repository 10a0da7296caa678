package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.job.model.RawEvent;
import java.io.Serializable;
import java.util.List;

/** Turns one event's payload into records of raw values, or says why it cannot. */
public interface RecordParser extends Serializable {
    /** True when the parser reads JSON objects, false when it reads text lines. */
    boolean parsesJson();

    /**
     * The records in the event. {@code json} is the payload parsed as a JSON object for JSON parsers, else null.
     * An empty list means the line is not an event (e.g. a header line).
     */
    List<ParsedRecord> records(RawEvent event, JsonNode json) throws Miss;
}
