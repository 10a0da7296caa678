package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * JSON events. Optionally pulls nested records out of an envelope ({@code json_path}, e.g. {@code detail},
 * {@code Records[*]}, {@code logEvents[*].message} with {@code embedded_json}), requires envelope values to match
 * patterns first ({@code envelope_patterns}: cheap discriminators such as EventBridge's detail-type), and copies
 * envelope keys into every record under {@code envelope}.
 */
final class JsonRecordParser implements RecordParser {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String[] jsonPath;
    private final boolean embeddedJson;
    private final List<String> envelopeKeys;
    private final Map<String, Pattern> envelopePatterns;
    private final Map<String, String[]> envelopePatternPaths = new LinkedHashMap<>();

    JsonRecordParser(String jsonPath, boolean embeddedJson, List<String> envelopeKeys,
            Map<String, Pattern> envelopePatterns) {
        this.jsonPath = jsonPath == null ? null : JsonPaths.split(jsonPath);
        this.embeddedJson = embeddedJson;
        this.envelopeKeys = envelopeKeys;
        this.envelopePatterns = envelopePatterns;
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
            if (!value.isValueNode() || !p.getValue().matcher(value.asText()).find()) {
                throw new Miss("envelope " + p.getKey() + " " + describe(value) + " does not match /"
                        + p.getValue().pattern() + "/", 0);
            }
        }
        if (jsonPath == null) {
            return List.of(new ParsedRecord((ObjectNode) json, event.payload));
        }
        List<JsonNode> selected = JsonPaths.select(json, jsonPath);
        if (selected.isEmpty()) {
            throw new Miss("json_path " + String.join(".", jsonPath) + " selects nothing", 1);
        }
        List<ParsedRecord> records = new ArrayList<>(selected.size());
        for (JsonNode node : selected) {
            JsonNode record = node;
            if (embeddedJson && node.isTextual()) {
                try {
                    record = MAPPER.readTree(node.asText());
                } catch (IOException e) {
                    throw new Miss("json_path value is not embedded JSON", 1);
                }
            }
            if (!record.isObject()) {
                throw new Miss("json_path selects " + describe(record) + ", not an object", 1);
            }
            ObjectNode copy = (ObjectNode) record;
            if (!envelopeKeys.isEmpty()) {
                // A copy: the same nested node may be shared by several selected records.
                copy = copy.deepCopy();
                ObjectNode envelope = copy.putObject("envelope");
                for (String key : envelopeKeys) {
                    if (json.has(key)) {
                        envelope.set(key, json.get(key));
                    }
                }
            }
            records.add(new ParsedRecord(copy, null));
        }
        return records;
    }

    private static String describe(JsonNode value) {
        if (value.isMissingNode()) {
            return "(absent)";
        }
        String text = value.isValueNode() ? "'" + value.asText() + "'" : value.getNodeType().name().toLowerCase();
        return text.length() > 60 ? text.substring(0, 60) + "…'" : text;
    }
}
