package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.streamwarden.job.model.Reasons;
import java.io.IOException;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One field of a log type: its name in the record, type, whether it may be absent, whether its type discriminates,
 * and its lake column.
 */
public final class FieldSpec implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The lake's timestamp columns hold years 1 to 9999: what Athena (and Parquet readers generally) accept. */
    private static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");

    private static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern DIGITS = Pattern.compile("[-+]?[0-9]+");

    public final String name;
    public final FieldType type;
    public final boolean optional;
    /**
     * Whether a value that does not coerce means the record is not of this log type (a miss). When false, the record
     * is kept: the typed column is null, the original value stays in the record and the failure is listed on the
     * event. Text formats discriminate by their columns' types; JSON formats by keys and patterns.
     */
    public final boolean discriminating;
    /** The sanitized column name (legal for Athena/Glue), unique within the log type. */
    public final String column;
    /** For timestamps only. */
    public final TimestampFormat timestampFormat;

    FieldSpec(
            String name,
            FieldType type,
            boolean optional,
            boolean discriminating,
            String column,
            TimestampFormat timestampFormat) {
        this.name = name;
        this.type = type;
        this.optional = optional;
        this.discriminating = discriminating;
        this.column = column;
        this.timestampFormat = timestampFormat;
    }

    /**
     * The value in the field's type, checked to fit the field's lake column: integers as JSON numbers within a long,
     * floats as finite numbers, booleans (from text too), timestamps as ISO-8601 UTC text of years 1 to 9999 (a
     * yearless pattern takes its year from {@code referenceMillis}), maps and lists as JSON (from embedded JSON text
     * too), json as it is.
     *
     * @throws IllegalArgumentException naming what is wrong with the value
     */
    public JsonNode coerce(JsonNode value, long referenceMillis) {
        switch (type) {
            case STRING:
                if (value.isContainerNode()) {
                    throw new IllegalArgumentException("is " + Reasons.kind(value) + ", not a string");
                }
                return value.isTextual() ? value : TextNode.valueOf(value.asText());
            case INTEGER:
                return integer(value);
            case FLOAT:
                return decimal(value);
            case BOOLEAN:
                if (value.isBoolean()) {
                    return value;
                }
                String b = value.asText().trim().toLowerCase(Locale.ROOT);
                if (b.equals("true") || b.equals("1")) {
                    return BooleanNode.TRUE;
                }
                if (b.equals("false") || b.equals("0")) {
                    return BooleanNode.FALSE;
                }
                throw new IllegalArgumentException("'" + Reasons.quoted(value.asText()) + "' is not a boolean");
            case TIMESTAMP:
                return timestampText(value, instant(value, referenceMillis));
            case MAP:
                return container(value, true);
            case LIST:
                return container(value, false);
            case JSON:
                return value;
            default:
                throw new IllegalStateException(type.name());
        }
    }

    /** A timestamp value coerced, given its {@link #instant}: ISO-8601 UTC text, the value itself when it is that. */
    public JsonNode timestampText(JsonNode value, Instant instant) {
        String text = CanonicalInstant.format(instant);
        return value.isTextual() && value.textValue().equals(text) ? value : TextNode.valueOf(text);
    }

    /**
     * What the field's lake column holds for a value {@link #coerce} returned: a long, a double, a boolean, epoch
     * millis for a timestamp, JSON text for a map, list or json field, else the text.
     */
    public Object column(JsonNode coerced, long referenceMillis) {
        switch (type) {
            case INTEGER:
                return coerced.asLong();
            case FLOAT:
                return coerced.asDouble();
            case BOOLEAN:
                return coerced.asBoolean();
            case TIMESTAMP:
                return instant(coerced, referenceMillis).toEpochMilli();
            case MAP:
            case LIST:
            case JSON:
                return coerced.toString();
            default:
                return coerced.asText();
        }
    }

    /**
     * A timestamp value as an instant of years 1 to 9999 (from the original text or number, or from the canonical
     * ISO-8601 text a text parser wrote).
     *
     * @throws IllegalArgumentException naming what is wrong with the value
     */
    public Instant instant(JsonNode value, long referenceMillis) {
        if (value.isContainerNode() || value.isBoolean()) {
            throw new IllegalArgumentException("is " + Reasons.kind(value) + ", not a timestamp");
        }
        Instant instant = null;
        if (!value.isNumber()) {
            instant = instantOfText(value.asText(), referenceMillis);
        } else if (value.isFloatingPointNumber() || value.canConvertToLong()) {
            try {
                instant = timestampFormat.format().equals("epoch_seconds")
                        ? epochSeconds(value.asDouble())
                        : Instant.ofEpochMilli(value.asLong());
            } catch (DateTimeException beyondLongMillis) {
                // Reported below as out of range, as is any number too large for a long.
            }
        }
        if (instant == null || instant.isBefore(MIN) || instant.isAfter(MAX)) {
            throw new IllegalArgumentException("'" + Reasons.quoted(value.asText()) + "' is outside years 1 to 9999");
        }
        return instant;
    }

    private Instant instantOfText(String text, long referenceMillis) {
        if (isCanonical(text)) {
            // Text-log records hold canonical ISO-8601 UTC already: no format parse, no exception on the hot path.
            Instant fast = CanonicalInstant.parse(text);
            if (fast != null) {
                return fast;
            }
        }
        try {
            return timestampFormat.parse(text, referenceMillis);
        } catch (IllegalArgumentException e) {
            // Already canonical (a record built by a text parser holds ISO-8601 UTC, years beyond 9999 with a sign).
            try {
                return Instant.parse(text);
            } catch (DateTimeException notIso) {
                throw e;
            }
        }
    }

    /** Epoch seconds (with a fraction) as an instant; beyond what a long of millis holds is an error. */
    static Instant epochSeconds(double seconds) {
        if (!Double.isFinite(seconds) || Math.abs(seconds) > Long.MAX_VALUE / 1000.0) {
            throw new DateTimeException(seconds + " seconds is beyond any timestamp");
        }
        return Instant.ofEpochMilli(Math.round(seconds * 1000));
    }

    private static JsonNode integer(JsonNode value) {
        if (value.isIntegralNumber()) {
            if (value.canConvertToLong()) {
                return value.isLong() ? value : LongNode.valueOf(value.asLong());
            }
            throw new IllegalArgumentException(describe(value) + " is an integer beyond 64 bits");
        }
        if (value.isFloatingPointNumber()) {
            double d = value.asDouble();
            if (d == Math.rint(d) && Math.abs(d) < 0x1p63) {
                return LongNode.valueOf((long) d); // 443.0 from a writer that has only doubles
            }
        } else if (value.isValueNode()) {
            String text = value.asText().trim();
            try {
                return LongNode.valueOf(Long.parseLong(text));
            } catch (NumberFormatException e) {
                if (DIGITS.matcher(text).matches()) {
                    throw new IllegalArgumentException(describe(value) + " is an integer beyond 64 bits");
                }
            }
        }
        throw new IllegalArgumentException(describe(value) + " is not an integer");
    }

    private static JsonNode decimal(JsonNode value) {
        double d;
        if (value.isNumber()) {
            d = value.asDouble();
        } else if (value.isValueNode() && !value.isBoolean()) {
            try {
                d = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(describe(value) + " is not a number");
            }
        } else {
            throw new IllegalArgumentException(describe(value) + " is not a number");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(describe(value) + " is not a finite number");
        }
        return value.isDouble() ? value : DoubleNode.valueOf(d);
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
            throw new IllegalArgumentException("is " + Reasons.kind(node) + ", not a " + (object ? "map" : "list"));
        }
        return node;
    }

    private static String describe(JsonNode value) {
        return value.isContainerNode() ? Reasons.kind(value) : "'" + Reasons.quoted(value.asText()) + "'";
    }
}
