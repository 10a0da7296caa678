package dev.streamwarden.job.classify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.schema.LogSchema;
import dev.streamwarden.job.classify.schema.Miss;
import dev.streamwarden.job.classify.schema.RejectedRecord;
import dev.streamwarden.job.classify.schema.SchemaRegistry;
import dev.streamwarden.job.model.RawEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Picks the log type of an event. Only schemas that the event's source carries and that read the payload's kind
 * (JSON object or text line) are tried, in precedence order (priority, then specificity); the first match whose
 * values all type wins, so the same input always gets the same type. When every match has values that did not type
 * (kept, recorded), the one with fewest such values wins (the first of those on a tie). A miss names every
 * candidate tried and the closest one's reason.
 */
public final class Classifier implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Text after the object ({@code {...}{...}}) makes the payload malformed, not silently cut. */
    private static final ObjectReader STRICT =
            new ObjectMapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** How many of a record's keys a miss that resembles no candidate names. */
    private static final int KEYS_SHOWN = 12;

    private final SchemaRegistry registry;
    private transient Map<String, Candidates> bySource;

    public Classifier(SchemaRegistry registry) {
        this.registry = registry;
    }

    public static Classifier standard() {
        return new Classifier(SchemaRegistry.bundled());
    }

    public SchemaRegistry registry() {
        return registry;
    }

    public ParseResult classify(RawEvent raw) {
        JsonNode json = raw.parsed();
        if (json == null && looksLikeJsonObject(raw.payload)) {
            try {
                json = STRICT.readTree(raw.payload);
            } catch (JsonProcessingException e) {
                return ParseResult.malformed("malformed JSON: " + e.getOriginalMessage());
            }
        }
        boolean isJson = json != null && json.isObject();
        List<LogSchema> candidates = candidates(raw.envelope.source, isJson);
        List<Miss> misses = null;
        List<String> missedTypes = null;
        List<Event> bestKept = null;
        List<RejectedRecord> bestRejected = null;
        Throwable failure = null;
        List<RejectedRecord> rejected = new ArrayList<>(0); // per event, cleared for each candidate
        for (LogSchema schema : candidates) {
            try {
                rejected.clear();
                List<Event> events = schema.parse(raw, json, rejected);
                int errors = coercionErrors(events);
                if (errors == 0 && rejected.isEmpty()) {
                    return ParseResult.of(events);
                }
                // A match with values that did not type, or with records of a batch it could not read: a later
                // candidate may read the event cleanly. Fewer records lost first, then fewer values untyped.
                if (bestKept == null
                        || rejected.size() < bestRejected.size()
                        || rejected.size() == bestRejected.size() && errors < coercionErrors(bestKept)) {
                    bestKept = events;
                    bestRejected = List.copyOf(rejected);
                }
            } catch (Miss miss) {
                if (misses == null) {
                    misses = new ArrayList<>(candidates.size());
                    missedTypes = new ArrayList<>(candidates.size());
                }
                misses.add(miss);
                missedTypes.add(schema.logType);
            } catch (RuntimeException | StackOverflowError unforeseen) {
                // One candidate's fault must not keep the event from the others.
                failure = failure == null ? unforeseen : failure;
            }
        }
        if (bestKept != null) {
            return ParseResult.of(bestKept, bestRejected);
        }
        if (failure != null) {
            // No candidate read it and one failed: the failure, not a miss, is what the dead letter should say.
            if (failure instanceof RuntimeException) {
                throw (RuntimeException) failure;
            }
            throw (StackOverflowError) failure;
        }
        // Only now, with no candidate reading the event, is it worth working out which came closest.
        Miss closest = null;
        String closestType = null;
        for (int i = 0; misses != null && i < misses.size(); i++) {
            if (closest == null || misses.get(i).closeness() > closest.closeness()) {
                closest = misses.get(i);
                closestType = missedTypes.get(i);
            }
        }
        String kind = isJson ? "JSON objects" : "text lines";
        if (closest == null) {
            return ParseResult.miss("no log type of source '" + raw.envelope.source + "' reads " + kind, null);
        }
        if (isJson && closest.closeness() <= LogSchema.NO_REQUIRED_KEY) {
            // Not one key any candidate requires: naming the first candidate tried as the closest would mislead.
            return ParseResult.miss(
                    "no log type matched (tried " + names(candidates) + "); the record has none of "
                            + "their required keys ("
                            + (json.isEmpty() ? "it is an empty object" : "its keys: " + keys(json))
                            + ")",
                    null);
        }
        if (!isJson && closest.closeness() == 0) {
            // Nothing fitted even a little (a line of some other program's format): no candidate is "closest".
            return ParseResult.miss(
                    "no log type matched (tried " + names(candidates) + "); the line fits none of "
                            + "their formats (the first: " + closest.getMessage() + ")",
                    null);
        }
        return ParseResult.miss(
                "no log type matched (tried " + names(candidates) + "); closest: " + closest.getMessage(), closestType);
    }

    private static String keys(JsonNode json) {
        StringBuilder keys = new StringBuilder();
        int n = 0;
        for (Iterator<String> it = json.fieldNames(); it.hasNext(); n++) {
            String key = it.next();
            if (n == KEYS_SHOWN) {
                return keys.append(", …").toString();
            }
            keys.append(n == 0 ? "" : ", ").append(key.length() <= 40 ? key : key.substring(0, 40) + "…");
        }
        return keys.toString();
    }

    private static int coercionErrors(List<Event> events) {
        int errors = 0;
        for (Event event : events) {
            errors += event.coercionErrors == null ? 0 : event.coercionErrors.length;
        }
        return errors;
    }

    private List<LogSchema> candidates(String source, boolean json) {
        if (bySource == null) {
            bySource = new HashMap<>();
        }
        Candidates c = bySource.computeIfAbsent(source, s -> new Candidates(registry.candidates(s)));
        return json ? c.json : c.text;
    }

    /** A source's candidates split by the kind of payload they read. */
    private static final class Candidates {
        final List<LogSchema> json = new ArrayList<>();
        final List<LogSchema> text = new ArrayList<>();

        Candidates(List<LogSchema> schemas) {
            for (LogSchema s : schemas) {
                (s.parsesJson() ? json : text).add(s);
            }
        }
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

    private static String names(List<LogSchema> schemas) {
        StringBuilder names = new StringBuilder();
        for (LogSchema s : schemas) {
            names.append(names.length() == 0 ? "" : ", ").append(s.name);
        }
        return names.toString();
    }
}
