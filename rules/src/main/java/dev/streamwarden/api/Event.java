package dev.streamwarden.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * One classified and normalized log event: what rules see and what the lake stores.
 *
 * <p>{@link #record} holds the parsed record as JSON text so the type stays a plain Flink POJO; {@link #json()}
 * parses it once per instance and caches the tree (not serialized), so rules chained behind the classifier
 * reuse the tree the classifier built.
 */
public class Event {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public String logType;
    /** Where it came from (shared with the other events of its record: read it, never change it). */
    public Envelope envelope;
    /** When the event happened, epoch ms (falls back to arrival time when the log has no time). */
    public long eventTime;
    /** The parsed record as a JSON object. */
    public String record;

    public Normalized normalized = new Normalized();
    /** Values that could not be typed (the event was kept regardless); null when every value was. */
    public CoercionError[] coercionErrors;

    private transient JsonNode json;
    /** The schema that typed {@link #lakeColumns}; the lake uses them only for a table of that schema. */
    private transient String lakeColumnsSchema;
    /** The record's typed values as the lake's columns hold them, in the schema's field order (engine use). */
    private transient Object[] lakeColumns;

    public Event() {}

    /** Sets the record: its JSON text and the same record as a tree, kept for {@link #json()} (not serialized). */
    public void setRecordText(String text, JsonNode tree) {
        this.json = tree;
        this.record = text;
        this.lakeColumns = null;
    }

    /**
     * Keeps the values classification typed, in the lake's column form, so the lake writer chained behind it does
     * not type them again; like the tree, a cache that is not serialized (the engine's, not the rules').
     */
    public void setLakeColumns(String schema, Object[] columns) {
        this.lakeColumnsSchema = schema;
        this.lakeColumns = columns;
    }

    /** The values {@link #setLakeColumns} kept when {@code schema} typed them; else null. */
    public Object[] lakeColumns(String schema) {
        return lakeColumns != null && schema.equals(lakeColumnsSchema) ? lakeColumns : null;
    }

    /** The record as a JSON tree (parsed at most once per instance). */
    public JsonNode json() {
        if (json == null) {
            try {
                json = record == null ? MissingNode.getInstance() : MAPPER.readTree(record);
            } catch (IOException e) {
                throw new UncheckedIOException("record is not JSON", e);
            }
        }
        return json;
    }

    /** The node at a dotted path ("userIdentity.type"), or a missing node. */
    public JsonNode at(String dottedPath) {
        JsonNode node = json();
        for (String part : dottedPath.split("\\.")) {
            node = node.path(part);
        }
        return node;
    }

    /** The text at a dotted path, or null when absent or JSON null. */
    public String text(String dottedPath) {
        return text(dottedPath, null);
    }

    /** The text at a dotted path, or the fallback when absent or JSON null. */
    public String text(String dottedPath, String fallback) {
        JsonNode node = at(dottedPath);
        return node.isMissingNode() || node.isNull() ? fallback : node.asText();
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Event)) {
            return false;
        }
        Event e = (Event) o;
        return eventTime == e.eventTime
                && Objects.equals(logType, e.logType)
                && Objects.equals(envelope, e.envelope)
                && Objects.equals(record, e.record)
                && Objects.equals(normalized, e.normalized)
                && Arrays.equals(coercionErrors, e.coercionErrors);
    }

    @Override
    public int hashCode() {
        return Objects.hash(logType, envelope, eventTime, record);
    }

    @Override
    public String toString() {
        return "Event{logType=" + logType + ", " + envelope + ", eventTime=" + eventTime + ", record=" + record
                + (coercionErrors == null ? "" : ", coercionErrors=" + Arrays.toString(coercionErrors)) + '}';
    }
}
