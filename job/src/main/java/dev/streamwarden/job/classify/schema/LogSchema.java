package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.RawEvent;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One declarative log schema: how to parse, which fields with which types (required unless optional), which
 * values must match patterns, which field is the event time, and how fields map to normalized fields. Strict: a
 * record matches only when every required key is present and every value coerces.
 */
public final class LogSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The schema entry's name (unique); several entries may produce one log type (e.g. CloudTrail's shapes). */
    public final String name;
    public final String logType;
    public final String description;
    public final String file;
    public final int priority;
    public final List<FieldSpec> fields;
    final RecordParser parser;
    private final Map<String, Pattern> patterns;
    private final Map<String, String[]> patternPaths;
    private final String timeField;
    private final List<NormalizedMapping> normalized;

    LogSchema(String name, String logType, String description, String file, int priority, RecordParser parser,
            List<FieldSpec> fields, Map<String, Pattern> patterns, String timeField,
            List<NormalizedMapping> normalized) {
        this.name = name;
        this.logType = logType;
        this.description = description;
        this.file = file;
        this.priority = priority;
        this.parser = parser;
        this.fields = fields;
        this.patterns = patterns;
        this.timeField = timeField;
        this.normalized = normalized;
        this.patternPaths = new java.util.LinkedHashMap<>();
        patterns.keySet().forEach(k -> patternPaths.put(k, JsonPaths.split(k)));
    }

    public boolean parsesJson() {
        return parser.parsesJson();
    }

    /** Ties between schemas that both match are broken by priority, then by this: the more constrained wins. */
    public int specificity() {
        int required = 0;
        for (FieldSpec f : fields) {
            required += f.optional ? 0 : 1;
        }
        return required + 2 * patterns.size();
    }

    /** The events in one raw event (usually one; none for a header line). */
    public List<Event> parse(RawEvent raw, JsonNode json) throws Miss {
        List<ParsedRecord> records;
        try {
            records = parser.records(raw, json);
        } catch (Miss miss) {
            throw new Miss(name + ": " + miss.getMessage(), miss.closeness());
        }
        List<Event> events = new ArrayList<>(records.size());
        for (ParsedRecord record : records) {
            events.add(toEvent(raw, record));
        }
        return events;
    }

    private Event toEvent(RawEvent raw, ParsedRecord parsed) throws Miss {
        ObjectNode record = parsed.tree;
        // Patterns are cheap discriminators: check them before the fields. An absent value is the fields' concern.
        for (Map.Entry<String, Pattern> p : patterns.entrySet()) {
            JsonNode value = JsonPaths.at(record, patternPaths.get(p.getKey()));
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (!value.isValueNode() || !p.getValue().matcher(value.asText()).find()) {
                throw new Miss(name + ": " + p.getKey() + " " + (value.isValueNode() ? "'" + value.asText() + "'"
                        : "(not a value)") + " does not match /" + p.getValue().pattern() + "/", 3);
            }
        }
        long eventTime = -1;
        int checked = 0;
        for (FieldSpec field : fields) {
            JsonNode value = record.get(field.name);
            if (value == null || value.isNull()) {
                if (!field.optional) {
                    throw new Miss(name + ": missing required key " + field.name, 10 + checked);
                }
                continue;
            }
            JsonNode coerced;
            try {
                coerced = field.coerce(value);
            } catch (IllegalArgumentException e) {
                throw new Miss(name + ": field " + field.name + " " + e.getMessage(), 10 + checked);
            }
            if (parsed.text == null) {
                record.set(field.name, coerced);
            }
            if (field.name.equals(timeField)) {
                // A coerced timestamp is canonical ISO-8601 UTC.
                eventTime = java.time.Instant.parse(coerced.asText()).toEpochMilli();
            }
            checked++;
        }
        Event event = new Event();
        event.logType = logType;
        event.source = raw.source;
        event.origin = raw.origin;
        event.sequenceNumber = raw.sequenceNumber;
        event.arrivalTime = raw.arrivalTime;
        event.logGroup = raw.logGroup;
        event.logStream = raw.logStream;
        event.owner = raw.owner;
        event.eventTime = eventTime >= 0 ? eventTime : raw.envelopeTime > 0 ? raw.envelopeTime : raw.arrivalTime;
        if (parsed.text != null) {
            event.setRecordText(parsed.text, record);
        } else {
            event.setRecordTree(record);
        }
        for (NormalizedMapping mapping : normalized) {
            Object value = mapping.valueFrom(record);
            if (value != null) {
                event.normalized.set(mapping.field, value);
            }
        }
        return event;
    }

    @Override
    public String toString() {
        return "LogSchema(" + name + " -> " + logType + ", " + file + ")";
    }
}
