package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.job.model.Alert;
import java.io.IOException;
import java.time.Instant;

/** The alert archive's JSON shape (one object per line), shared by every output that writes alerts as JSON. */
public final class AlertJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AlertJson() {}

    public static ObjectNode toJson(Alert alert) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", alert.id);
        node.put("rule", alert.rule);
        node.put("severity", alert.severity);
        node.put("description", alert.description);
        node.put("log_type", alert.logType);
        node.put("source", alert.source);
        node.put("event_count", alert.eventCount);
        node.put("alert_count", alert.alertCount);
        node.put("first_seen", Instant.ofEpochMilli(alert.firstSeen).toString());
        node.put("last_seen", Instant.ofEpochMilli(alert.lastSeen).toString());
        node.set("merge_key", parse(alert.mergeKey == null ? "{}" : alert.mergeKey));
        NormalizedJson.putFields(node.putObject("fields"), alert.fields);
        ArrayNode records = node.putArray("records");
        if (alert.records != null) {
            for (String record : alert.records) {
                records.add(parse(record));
            }
        }
        ArrayNode outputs = node.putArray("outputs");
        if (alert.outputs != null) {
            for (String output : alert.outputs) {
                outputs.add(output);
            }
        }
        node.set("context", parse(alert.context == null ? "{}" : alert.context));
        return node;
    }

    public static String toLine(Alert alert) {
        return toJson(alert).toString();
    }

    /** Reads back what {@link #toJson} wrote (for redelivery of failed alerts). */
    public static Alert fromJson(JsonNode node) {
        Alert alert = new Alert();
        alert.id = node.path("id").asText(null);
        alert.rule = node.path("rule").asText(null);
        alert.severity = node.path("severity").asText(null);
        alert.description = node.path("description").asText(null);
        alert.logType = node.path("log_type").asText(null);
        alert.source = node.path("source").asText(null);
        alert.eventCount = node.path("event_count").asLong();
        alert.alertCount = node.path("alert_count").asLong(1);
        alert.firstSeen = Instant.parse(node.path("first_seen").asText()).toEpochMilli();
        alert.lastSeen = Instant.parse(node.path("last_seen").asText()).toEpochMilli();
        alert.mergeKey = node.path("merge_key").toString();
        node.path("fields").properties().forEach(field -> {
            if (Normalized.NAMES.contains(field.getKey())) {
                alert.fields.set(field.getKey(), field.getValue().asText());
            }
        });
        JsonNode records = node.path("records");
        alert.records = new String[records.size()];
        for (int i = 0; i < records.size(); i++) {
            alert.records[i] = records.get(i).toString();
        }
        JsonNode outputs = node.path("outputs");
        alert.outputs = new String[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            alert.outputs[i] = outputs.get(i).asText();
        }
        alert.context = node.path("context").isObject() ? node.get("context").toString() : "{}";
        return alert;
    }

    /** Alerts hold JSON (records, keys, context); were one not, it is archived as text rather than lost. */
    private static JsonNode parse(String json) {
        if (json == null) {
            return NullNode.getInstance();
        }
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            return TextNode.valueOf(json);
        }
    }
}
