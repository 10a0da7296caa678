package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Coercion: every value that passes fits its lake column (64-bit integers, finite doubles, years 1 to 9999), every
 * other value is an IllegalArgumentException naming the problem, never another exception; and the hand-written
 * canonical timestamp parser agrees with {@link Instant#parse} or declines.
 */
class FieldSpecTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long REFERENCE = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();

    private static FieldSpec field(FieldType type, String format) {
        return new FieldSpec("f", type, false, false, "f", format == null ? null : new TimestampFormat(format));
    }

    private static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String failure(FieldSpec field, String jsonValue) {
        return assertThrows(IllegalArgumentException.class, () -> field.coerce(json(jsonValue), REFERENCE), jsonValue)
                .getMessage();
    }

    @Test
    void integersFitSixtyFourBits() {
        FieldSpec integer = field(FieldType.INTEGER, null);
        assertEquals(443L, integer.coerce(json("\"443\""), REFERENCE).asLong());
        assertEquals(443L, integer.coerce(json("443.0"), REFERENCE).asLong());
        assertEquals(
                Long.MAX_VALUE,
                integer.coerce(json("9223372036854775807"), REFERENCE).asLong());
        String fourHundredDigits = "9".repeat(400);
        assertEquals("'" + "9".repeat(40) + "…' is an integer beyond 64 bits", failure(integer, fourHundredDigits));
        assertEquals(
                "'" + "9".repeat(40) + "…' is an integer beyond 64 bits",
                failure(integer, "\"" + fourHundredDigits + "\""));
        assertEquals("'9223372036854775808' is an integer beyond 64 bits", failure(integer, "9223372036854775808"));
        assertEquals("'4.5' is not an integer", failure(integer, "4.5"));
        assertEquals("'abc' is not an integer", failure(integer, "\"abc\""));
        assertEquals("object is not an integer", failure(integer, "{\"a\":1}"));
        assertEquals("'true' is not an integer", failure(integer, "true"));
    }

    @Test
    void floatsAreFinite() {
        FieldSpec decimal = field(FieldType.FLOAT, null);
        assertEquals(0.25, decimal.coerce(json("\"0.25\""), REFERENCE).asDouble());
        assertEquals(1e300, decimal.coerce(json("1e300"), REFERENCE).asDouble());
        assertEquals("'1e400' is not a finite number", failure(decimal, "\"1e400\""));
        assertEquals("'NaN' is not a finite number", failure(decimal, "\"NaN\""));
        assertEquals("'Infinity' is not a finite number", failure(decimal, "\"Infinity\""));
        assertEquals("'" + "1".repeat(40) + "…' is not a finite number", failure(decimal, "1".repeat(400)));
        assertEquals("'high' is not a number", failure(decimal, "\"high\""));
        assertEquals("array is not a number", failure(decimal, "[1]"));
    }

    @Test
    void timestampsAreRealInstantsOfYearsOneTo9999() {
        FieldSpec iso = field(FieldType.TIMESTAMP, "iso8601");
        assertEquals(
                "2026-11-28T10:00:00Z",
                iso.coerce(json("\"2026-11-28 11:00:00+01:00\""), REFERENCE).asText());
        assertEquals(
                "'2017-09-31T22:23:07.777Z' is not a timestamp in format iso8601",
                failure(iso, "\"2017-09-31T22:23:07.777Z\""));
        assertEquals(
                "'2025-02-30T10:00:00Z' is not a timestamp in format iso8601",
                failure(iso, "\"2025-02-30T10:00:00Z\""));
        assertEquals(
                "'2025-02-28T25:61:61Z' is not a timestamp in format iso8601",
                failure(iso, "\"2025-02-28T25:61:61Z\""));
        assertEquals("'+10000-01-01T00:00:00Z' is outside years 1 to 9999", failure(iso, "\"+10000-01-01T00:00:00Z\""));
        assertEquals("'253402300800000' is outside years 1 to 9999", failure(iso, "253402300800000"));
        assertEquals("'" + "9".repeat(40) + "…' is outside years 1 to 9999", failure(iso, "9".repeat(400)));
        assertEquals("is object, not a timestamp", failure(iso, "{}"));
        assertEquals("'' is not a timestamp in format iso8601", failure(iso, "\"\""));

        FieldSpec seconds = field(FieldType.TIMESTAMP, "epoch_seconds");
        assertEquals(
                "2014-12-14T04:06:50.500Z",
                seconds.coerce(json("1418530010.5"), REFERENCE).asText());
        assertEquals("'1.0E17' is outside years 1 to 9999", failure(seconds, "1e17"));
        assertEquals("'1e300' is not a timestamp in format epoch_seconds", failure(seconds, "\"1e300\""));

        FieldSpec pattern = field(FieldType.TIMESTAMP, "dd/MMM/yyyy:HH:mm:ss Z");
        assertEquals(
                "2026-11-28T10:00:00Z",
                pattern.coerce(json("\"28/Nov/2026:10:00:00 +0000\""), REFERENCE)
                        .asText());
        assertEquals(
                "'31/Feb/2026:10:00:00 +0000' is not a timestamp in format dd/MMM/yyyy:HH:mm:ss Z",
                failure(pattern, "\"31/Feb/2026:10:00:00 +0000\""));
        assertEquals(
                "'28/Nov/2026:25:61:61 +0000' is not a timestamp in format dd/MMM/yyyy:HH:mm:ss Z",
                failure(pattern, "\"28/Nov/2026:25:61:61 +0000\""));
    }

    @Test
    void otherTypesNameWhatIsWrong() {
        assertEquals("is object, not a string", failure(field(FieldType.STRING, null), "{}"));
        assertEquals("'maybe' is not a boolean", failure(field(FieldType.BOOLEAN, null), "\"maybe\""));
        assertEquals("is text, not embedded JSON", failure(field(FieldType.MAP, null), "\"{not json\""));
        assertEquals("is array, not a map", failure(field(FieldType.MAP, null), "[]"));
        assertEquals("is object, not a list", failure(field(FieldType.LIST, null), "{}"));
        FieldSpec any = field(FieldType.JSON, null);
        for (String value : List.of("{\"a\":1}", "[1,2]", "\"text\"", "12", "true")) {
            assertEquals(json(value), any.coerce(json(value), REFERENCE), value);
        }
    }

    @Test
    void readsWhatInstantParseReads() {
        List<String> texts = List.of(
                "2026-11-28T10:15:00Z",
                "1970-01-01T00:00:00Z",
                "2024-02-29T23:59:59Z",
                "2026-11-28T10:15:00.5Z",
                "2026-11-28T10:15:00.123Z",
                "2026-11-28T10:15:00.123456789Z",
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999Z",
                "1969-12-31T23:59:59.1Z");
        for (String text : texts) {
            assertEquals(Instant.parse(text), CanonicalInstant.parse(text), text);
        }
    }

    @Test
    void declinesWhatItDoesNotReadExactly() {
        // Each is either invalid or a shape Instant.parse handles itself (the caller falls back to it).
        for (String text : List.of(
                "2023-02-29T00:00:00Z",
                "2026-13-01T00:00:00Z",
                "2026-11-31T00:00:00Z",
                "2026-11-28T24:00:00Z",
                "2026-11-28T10:60:00Z",
                "2015-06-30T23:59:60Z",
                "2026-11-28T10:15:00.Z",
                "2026-11-28T10:15:00.1234567890Z",
                "2026-11-28 10:15:00Z",
                "2026-11-28T10:15:0xZ",
                "+2026-11-28T10:15:00Z",
                "2026-11-28T10:15:00+01:00")) {
            assertNull(CanonicalInstant.parse(text), text);
        }
    }

    @Test
    void agreesWithInstantParseOnRandomInstants() {
        Random random = new Random(20261128);
        for (int i = 0; i < 10_000; i++) {
            // Years 1901 to 2038, with and without fractions of a second: all in the canonical shape.
            long seconds = random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? 1L : -1L);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            assertEquals(instant, CanonicalInstant.parse(instant.toString()), instant.toString());
        }
    }
}
