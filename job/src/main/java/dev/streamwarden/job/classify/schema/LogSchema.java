package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.Reasons;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One declarative log schema: how to parse, which fields with which types (required unless optional), which
 * values must match patterns, which field is the event time, and how fields map to normalized fields. A record
 * matches when every required key is present, every pattern matches and every discriminating field's value coerces;
 * a non-discriminating value that does not coerce is recorded on the event instead (lenient typing).
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
    private final List<SchemaPattern> patterns;
    private final String timeField;
    private final List<NormalizedMapping> normalized;
    /** The position of {@link #timeField} among the fields, or -1. */
    private final int timeFieldIndex;
    /** The closeness of a JSON record's miss when it has none of the schema's required keys (see closeness). */
    public static final int NO_REQUIRED_KEY = 10;
    /** The field name coercion errors of a CloudWatch Logs envelope's timestamp carry. */
    static final String ENVELOPE_TIME = "envelope.timestamp";

    LogSchema(
            String name,
            String logType,
            String description,
            String file,
            int priority,
            RecordParser parser,
            List<FieldSpec> fields,
            Map<String, Pattern> patterns,
            String timeField,
            List<NormalizedMapping> normalized) {
        this.name = name;
        this.logType = logType;
        this.description = description;
        this.file = file;
        this.priority = priority;
        this.parser = parser;
        this.fields = fields;
        this.patterns = new ArrayList<>(patterns.size());
        patterns.forEach((field, pattern) -> this.patterns.add(new SchemaPattern(field, pattern)));
        this.timeField = timeField;
        this.normalized = normalized;
        int timeAt = -1;
        for (int i = 0; i < fields.size(); i++) {
            timeAt = fields.get(i).name.equals(timeField) ? i : timeAt;
        }
        this.timeFieldIndex = timeAt;
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

    /** The events in one raw event (usually one; none for a header line); any record that misses is a miss. */
    public List<Event> parse(RawEvent raw, JsonNode json) throws Miss {
        return parse(raw, json, null);
    }

    /**
     * The events in one raw event. Of a batch (several records), the records that miss are added to
     * {@code rejected} and the others kept; only if none is of this type is the batch a miss. With {@code rejected}
     * null, any record that misses is a miss.
     */
    public List<Event> parse(RawEvent raw, JsonNode json, List<RejectedRecord> rejected) throws Miss {
        List<ParsedRecord> records;
        try {
            records = parser.records(raw, json);
        } catch (Miss miss) {
            throw miss.prefixed(name + ": ");
        }
        List<Event> events = new ArrayList<>(records.size());
        Miss firstMiss = null;
        List<RejectedRecord> missed = null;
        for (int i = 0; i < records.size(); i++) {
            ParsedRecord record = records.get(i);
            try {
                if (record.notARecord != null) {
                    throw record.notARecord.prefixed(name + ": ");
                }
                events.add(toEvent(raw, record));
            } catch (Miss miss) {
                if (rejected == null || records.size() == 1) {
                    throw miss;
                }
                firstMiss = firstMiss == null ? miss : firstMiss;
                missed = missed == null ? new ArrayList<>(1) : missed;
                missed.add(new RejectedRecord(
                        "record " + (i + 1) + " of " + records.size() + " in the batch: " + miss.getMessage(),
                        record.text != null ? record.text : record.tree.toString()));
            }
        }
        if (events.isEmpty() && firstMiss != null) {
            throw firstMiss; // not one record of this type: the batch is not
        }
        if (missed != null) {
            rejected.addAll(missed);
        }
        return events;
    }

    private Event toEvent(RawEvent raw, ParsedRecord parsed) throws Miss {
        ObjectNode record = parsed.tree;
        // Patterns are cheap discriminators: check them before the fields. An absent value is the fields' concern.
        for (SchemaPattern p : patterns) {
            JsonNode value = JsonPaths.at(record, p.path);
            if (value.isMissingNode() || value.isNull()) {
                continue;
            }
            if (!value.isValueNode() || !p.finds(value.asText())) {
                // Deferred, as every miss: most candidates miss on the way to the one that reads the event.
                throw Miss.deferred(() -> new Miss(
                        name + ": " + p.field + " "
                                + (value.isValueNode() ? "'" + Reasons.quoted(value.asText()) + "'" : "(not a value)")
                                + " does not match /"
                                + p.pattern.pattern() + "/",
                        closeness(record, 2, 3 + parsed.closeness)));
            }
        }
        long reference = PlausibleTime.reference(raw.envelope.arrivalTime);
        CoercionErrors errors = new CoercionErrors();
        errors.addAll(parsed.errors);
        Instant declaredTime = null;
        int checked = 0;
        Object[] columns = new Object[fields.size()];
        for (int i = 0; i < columns.length; i++) {
            FieldSpec field = fields.get(i);
            JsonNode value = record.get(field.name);
            if (value == null || value.isNull()) {
                if (!field.optional) {
                    int soFar = checked;
                    throw Miss.deferred(() -> new Miss(
                            name + ": missing required key " + field.name,
                            closeness(record, 1, 10 + soFar + parsed.closeness)));
                }
                continue;
            }
            JsonNode coerced;
            try {
                if (field.type == FieldType.TIMESTAMP) {
                    // Read once: the instant gives the coerced text, the column and perhaps the event time.
                    Instant at = field.instant(value, reference);
                    coerced = field.timestampText(value, at);
                    columns[i] = at.toEpochMilli();
                    declaredTime = i == timeFieldIndex ? at : declaredTime;
                } else {
                    coerced = field.coerce(value, reference);
                    columns[i] = field.column(coerced, reference);
                }
            } catch (IllegalArgumentException e) {
                if (field.discriminating) {
                    int soFar = checked;
                    throw Miss.deferred(() -> new Miss(
                            name + ": field " + field.name + " " + e.getMessage(),
                            closeness(record, 1, 10 + soFar + parsed.closeness)));
                }
                // The shape says this log type: keep the event, the value as written, and why it is not typed.
                errors.add(field.name, e.getMessage());
                continue;
            }
            if (parsed.text == null) {
                record.set(field.name, coerced);
            }
            checked++;
        }
        Event event = new Event();
        event.logType = logType;
        event.envelope = raw.envelope;
        if (raw.envelopeError != null) {
            errors.add(ENVELOPE_TIME, raw.envelopeError);
        }
        event.eventTime = eventTime(raw, parsed, declaredTime, reference, errors);
        if (parsed.text != null) {
            event.setRecordText(parsed.text, record);
        } else {
            event.setRecordText(RecordJson.text(record), record);
        }
        event.setLakeColumns(name, columns);
        for (NormalizedMapping mapping : normalized) {
            try {
                Object value = mapping.valueFrom(record);
                if (value != null) {
                    event.normalized.set(mapping.field, value);
                }
            } catch (IllegalArgumentException e) {
                errors.add("normalized." + mapping.field, e.getMessage());
            }
        }
        event.coercionErrors = errors.toArray();
        return event;
    }

    /**
     * How close a record that missed came, to rank misses: a JSON record by the share of the required keys it has
     * (its shape: the dead letter names the log type the record most resembles, not the one whose checks happened to
     * run longest), divided by {@code against} (2 for a value that says it is not this type: a pattern that fails); a
     * text record, whose parser fills every column, by how far the checks got.
     */
    private int closeness(ObjectNode record, int against, int textCloseness) {
        if (!parser.parsesJson()) {
            return textCloseness;
        }
        int required = 0;
        int present = 0;
        for (FieldSpec field : fields) {
            if (!field.optional) {
                required++;
                JsonNode value = record.get(field.name);
                present += value == null || value.isNull() ? 0 : 1;
            }
        }
        return NO_REQUIRED_KEY + (required == 0 ? 1000 : 1000 * present / required) / against;
    }

    /**
     * The first plausible candidate: the schema's time field, the envelope's time (EventBridge's, from the parser;
     * CloudWatch Logs'), the arrival time; candidates that are present but implausible are recorded. Without an
     * arrival time (files, tests) the reference is the clock, so no event is ever dropped for its time.
     */
    private long eventTime(RawEvent raw, ParsedRecord parsed, Instant declared, long reference, CoercionErrors errors) {
        if (declared != null && plausible(declared.toEpochMilli(), declared, timeField, reference, errors)) {
            return declared.toEpochMilli();
        }
        if (parsed.envelopeTime != 0
                && plausible(
                        parsed.envelopeTime,
                        Instant.ofEpochMilli(parsed.envelopeTime),
                        parsed.envelopeTimeField,
                        reference,
                        errors)) {
            return parsed.envelopeTime;
        }
        if (raw.envelopeTime != 0
                && plausible(raw.envelopeTime, raw.envelopeTime + " ms", ENVELOPE_TIME, reference, errors)) {
            return raw.envelopeTime;
        }
        return PlausibleTime.problem(raw.envelope.arrivalTime, reference) == null
                ? raw.envelope.arrivalTime
                : reference;
    }

    /**
     * Whether a candidate event time is plausible; why not is recorded ({@code shown}, the value as written, is made
     * text only then: formatting every event's time to throw it away cost more than reading it).
     */
    private static boolean plausible(long millis, Object shown, String field, long reference, CoercionErrors errors) {
        String problem = PlausibleTime.problem(millis, reference);
        if (problem != null) {
            errors.add(field, "not used as the event time: " + shown + " is " + problem);
        }
        return problem == null;
    }

    @Override
    public String toString() {
        return "LogSchema(" + name + " -> " + logType + ", " + file + ")";
    }
}
