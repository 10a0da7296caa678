package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;

/** One field of a log type: its name in the record, type, whether it may be absent, and its lake column. */
public final class FieldSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public final String name;
    public final FieldType type;
    public final boolean optional;
    /** The sanitized column name (legal for Athena/Glue), unique within the log type. */
    public final String column;
    /** For timestamps only. */
    public final TimestampFormat timestampFormat;

    FieldSpec(String name, FieldType type, boolean optional, String column, TimestampFormat timestampFormat) {
        this.name = name;
        this.type = type;
        this.optional = optional;
        this.column = column;
        this.timestampFormat = timestampFormat;
    }

    /**
     * The value in the field's type: integers, floats and booleans as JSON numbers/booleans (from text too),
     * timestamps as ISO-8601 UTC text, maps and lists as JSON (from embedded JSON text too).
     *
     * @throws IllegalArgumentException naming what is wrong with the value
     */
    public JsonNode coerce(JsonNode value) {
        switch (type) {
            case STRING:
                if (value.isContainerNode()) {
                    throw new IllegalArgumentException("is " + kind(value) + ", not a string");
                }
                return value.isTextual() ? value : TextNode.valueOf(value.asText());
            case INTEGER:
                if (value.isIntegralNumber()) {
                    return value;
                }
                try {
                    return LongNode.valueOf(Long.parseLong(value.asText().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + abbreviate(value.asText()) + "' is not an integer");
                }
            case FLOAT:
                if (value.isNumber()) {
                    return value;
                }
                try {
                    return DoubleNode.valueOf(Double.parseDouble(value.asText().trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + abbreviate(value.asText()) + "' is not a number");
                }
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value;
                }
                String b = value.asText().trim().toLowerCase();
                if (b.equals("true") || b.equals("1")) {
                    return BooleanNode.TRUE;
                }
                if (b.equals("false") || b.equals("0")) {
                    return BooleanNode.FALSE;
                }
                throw new IllegalArgumentException("'" + abbreviate(value.asText()) + "' is not a boolean");
            case TIMESTAMP:
                return TextNode.valueOf(instant(value).toString());
            case MAP:
                return container(value, true);
            case LIST:
                return container(value, false);
            default:
                throw new IllegalStateException(type.name());
        }
    }

    /** A timestamp value as an instant (from the original text, or from the canonical ISO-8601 text). */
    public Instant instant(JsonNode value) {
        if (value.isNumber()) {
            return timestampFormat.format().equals("epoch_seconds")
                    ? Instant.ofEpochMilli(Math.round(value.asDouble() * 1000))
                    : Instant.ofEpochMilli(value.asLong());
        }
        String text = value.asText();
        if (isCanonical(text)) {
            // Text-log records hold canonical ISO-8601 UTC already: no format parse, no exception on the hot path.
            return Instant.parse(text);
        }
        try {
            return timestampFormat.parse(text);
        } catch (IllegalArgumentException e) {
            // Already canonical (a record built by a text parser holds ISO-8601 UTC).
            try {
                return Instant.parse(text);
            } catch (java.time.format.DateTimeParseException notIso) {
                throw e;
            }
        }
    }

    private static boolean isCanonical(String text) {
        int n = text.length();
        return n >= 20 && text.charAt(10) == 'T' && text.charAt(n - 1) == 'Z' && text.charAt(4) == '-';
    }

    private JsonNode container(JsonNode value, boolean object) {
        JsonNode node = value;
        if (value.isTextual()) {
            try {
                node = MAPPER.readTree(value.asText());
            } catch (IOException e) {
                throw new IllegalArgumentException("is text, not embedded JSON");
            }
        }
        if (object ? !node.isObject() : !node.isArray()) {
            throw new IllegalArgumentException("is " + kind(node) + ", not a " + (object ? "map" : "list"));
        }
        return node;
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase();
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
