package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.Reasons;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON events. Optionally pulls nested records out of an envelope ({@code json_path}, e.g. {@code detail},
 * {@code Records[*]}, {@code logEvents[*].message} with {@code embedded_json}, whose JSON may sit inside other text:
 * {@code embedded_json_pattern}'s first group), requires envelope values to match patterns first
 * ({@code envelope_patterns}: cheap discriminators such as EventBridge's detail-type), copies envelope keys into every
 * record under {@code envelope}, and can make one record per element of a map of arrays ({@code explode}).
 */
final class JsonRecordParser implements RecordParser {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String[] jsonPath;
    private final boolean embeddedJson;
    /** Null: the embedded JSON is the whole text. */
    private final Pattern embeddedJsonPattern;

    private final List<String> envelopeKeys;
    private final Map<String, Pattern> envelopePatterns;
    private final Map<String, String[]> envelopePatternPaths = new LinkedHashMap<>();
    /** Null: each selected object is one record. */
    private final Explode explode;
    /** The envelope key whose ISO-8601 time stands in when a record's own time is absent or implausible; or null. */
    private final String envelopeTime;

    private static final TimestampFormat ISO8601 = new TimestampFormat("iso8601");

    JsonRecordParser(
            String jsonPath,
            boolean embeddedJson,
            Pattern embeddedJsonPattern,
            List<String> envelopeKeys,
            Map<String, Pattern> envelopePatterns,
            Explode explode,
            String envelopeTime) {
        this.jsonPath = jsonPath == null ? null : JsonPaths.split(jsonPath);
        this.embeddedJson = embeddedJson;
        this.embeddedJsonPattern = embeddedJsonPattern;
        this.envelopeKeys = envelopeKeys;
        this.envelopePatterns = envelopePatterns;
        this.explode = explode;
        this.envelopeTime = envelopeTime;
        envelopePatterns.keySet().forEach(k -> envelopePatternPaths.put(k, JsonPaths.split(k)));
    }

    @Override
    public boolean parsesJson() {
        return true;
    }

    @Override
    public List<ParsedRecord> records(RawEvent event, JsonNode json) throws Miss {
        for (Map.Entry<String, Pattern> p : envelopePatterns.entrySet()) {
            JsonNode value = JsonPaths.at(json, envelopePatternPaths.get(p.getKey()));
            if (!value.isValueNode() || !BoundedText.finds(p.getValue(), value.asText())) {
                // An envelope of another kind (a different detail-type) resembles this one more than no envelope.
                throw Miss.deferred(() -> new Miss(
                        "envelope " + p.getKey() + " " + describe(value) + " does not match /"
                                + p.getValue().pattern() + "/",
                        value.isMissingNode() ? 0 : LogSchema.NO_REQUIRED_KEY + 1));
            }
        }
        if (jsonPath == null) {
            return explode == null
                    ? List.of(new ParsedRecord((ObjectNode) json, event.payload))
                    : exploded((ObjectNode) json, new ArrayList<>());
        }
        List<JsonNode> selected = JsonPaths.select(json, jsonPath);
        if (selected.isEmpty()) {
            throw new Miss("json_path " + String.join(".", jsonPath) + " selects nothing", 1);
        }
        List<ParsedRecord> records = new ArrayList<>(selected.size());
        for (JsonNode node : selected) {
            int first = records.size();
            JsonNode record;
            try {
                record = node.isTextual() && embeddedJson ? embedded(node.asText()) : node;
                if (!record.isObject()) {
                    // The path is there: closer than a record without it, though not a record of this type.
                    throw new Miss(
                            "json_path selects " + describe(record) + ", not an object", LogSchema.NO_REQUIRED_KEY + 1);
                }
            } catch (Miss notARecord) {
                if (selected.size() == 1) {
                    throw notARecord;
                }
                records.add(ParsedRecord.notARecord(notARecord, node.toString()));
                continue;
            }
            // A shallow copy: the schema types values in its record, and the input tree (the same nested node may
            // be selected twice, and the unpacker's tree is reused) must stay as it was read.
            ObjectNode copy = MAPPER.createObjectNode().setAll((ObjectNode) record);
            if (!envelopeKeys.isEmpty()) {
                ObjectNode envelope = copy.putObject("envelope");
                for (String key : envelopeKeys) {
                    if (json.has(key)) {
                        envelope.set(key, json.get(key));
                    }
                }
            }
            if (explode == null) {
                records.add(new ParsedRecord(copy, null));
            } else {
                exploded(copy, records);
            }
            if (envelopeTime != null) {
                stampEnvelopeTime(json.get(envelopeTime), records.subList(first, records.size()));
            }
        }
        return records;
    }

    /** The envelope's time on each record; a value that is not a time is recorded on the records instead. */
    private void stampEnvelopeTime(JsonNode value, List<ParsedRecord> records) {
        if (value == null || value.isNull()) {
            return;
        }
        String field = "envelope." + envelopeTime;
        long millis = 0;
        String error = null;
        if (!value.isTextual()) {
            error = "is " + value.getNodeType().name().toLowerCase() + ", not a time";
        } else {
            try {
                millis = ISO8601.parse(value.asText(), 0).toEpochMilli();
            } catch (IllegalArgumentException e) {
                error = e.getMessage();
            } catch (ArithmeticException beyondMillis) {
                error = "'" + Reasons.quoted(value.asText()) + "' is beyond any timestamp";
            }
        }
        for (ParsedRecord record : records) {
            if (error == null) {
                record.envelopeTime = millis;
                record.envelopeTimeField = field;
            } else {
                record.withError(field, error);
            }
        }
    }

    private List<ParsedRecord> exploded(ObjectNode record, List<ParsedRecord> records) throws Miss {
        for (ObjectNode row : explode.records(record)) {
            records.add(new ParsedRecord(row, null));
        }
        return records;
    }

    private JsonNode embedded(String text) throws Miss {
        String json = text;
        if (embeddedJsonPattern != null) {
            Matcher m = new BoundedText(text).matcher(embeddedJsonPattern);
            if (!BoundedText.found(m)) {
                throw new Miss("json_path value does not match /" + embeddedJsonPattern.pattern() + "/", 1);
            }
            json = m.group(1);
            if (json == null) {
                throw new Miss(
                        "json_path value matches /" + embeddedJsonPattern.pattern() + "/ without its JSON group", 1);
            }
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new Miss("json_path value is not embedded JSON", 1);
        }
    }

    private static String describe(JsonNode value) {
        if (value.isMissingNode()) {
            return "(absent)";
        }
        String text = value.isValueNode()
                ? "'" + value.asText() + "'"
                : value.getNodeType().name().toLowerCase();
        return text.length() > 60 ? text.substring(0, 60) + "…'" : text;
    }
}
