package dev.streamwarden.job.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.RawEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks the log type of an event. Only parsers of the payload's kind (JSON or text line) are tried, in priority
 * order, and the first match wins, so the same input always gets the same type. A miss names every candidate
 * tried and the closest one's reason.
 */
public final class Classifier implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<LogParser> jsonParsers = new ArrayList<>();
    private final List<LogParser> lineParsers = new ArrayList<>();

    /** Parsers in priority order: CloudTrail before the generic EventBridge shape it can arrive in. */
    public Classifier(List<LogParser> parsers) {
        for (LogParser parser : parsers) {
            (parser.parsesJson() ? jsonParsers : lineParsers).add(parser);
        }
    }

    public static Classifier standard() {
        return new Classifier(List.of(new CloudTrailParser(), new CloudWatchEventParser(), new VpcFlowLogParser()));
    }

    public ParseResult classify(RawEvent raw) {
        JsonNode json = raw.parsed();
        if (json == null && looksLikeJsonObject(raw.payload)) {
            try {
                json = MAPPER.readTree(raw.payload);
            } catch (JsonProcessingException e) {
                return ParseResult.miss("malformed JSON: " + e.getOriginalMessage(), 0);
            }
        }
        List<LogParser> candidates = json != null && json.isObject() ? jsonParsers : lineParsers;
        ParseResult closest = null;
        for (LogParser parser : candidates) {
            ParseResult result = parser.parse(raw, json);
            if (result.matched()) {
                return result;
            }
            if (closest == null || result.closeness() > closest.closeness()) {
                closest = result;
            }
        }
        if (closest == null) {
            return ParseResult.miss("no log type parses " + (json != null ? "JSON events" : "text lines"), 0);
        }
        return ParseResult.miss("no log type matched (tried " + names(candidates) + "); closest: " + closest.miss(),
                closest.closeness());
    }

    private static boolean looksLikeJsonObject(String payload) {
        for (int i = 0; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (!Character.isWhitespace(c)) {
                return c == '{';
            }
        }
        return false;
    }

    private static String names(List<LogParser> parsers) {
        StringBuilder names = new StringBuilder();
        for (LogParser parser : parsers) {
            names.append(names.length() == 0 ? "" : ", ").append(parser.logType());
        }
        return names.toString();
    }
}
