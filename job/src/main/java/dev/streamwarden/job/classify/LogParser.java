package dev.streamwarden.job.classify;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.job.model.RawEvent;
import java.io.Serializable;

/** Recognizes and parses one log type. Strict: a record matches only when its required parts are present. */
public interface LogParser extends Serializable {
    String logType();

    /** True for parsers of JSON events, false for parsers of text lines; picks the candidates cheaply. */
    boolean parsesJson();

    /**
     * Parses the event. {@code json} is the payload parsed as a JSON object when {@link #parsesJson()}, else
     * null.
     */
    ParseResult parse(RawEvent event, JsonNode json);
}
