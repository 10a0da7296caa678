package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written canonical timestamp parser agrees with {@link Instant#parse} or declines. */
class FieldSpecTest {
    @Test
    void readsWhatInstantParseReads() {
        List<String> texts = List.of("2026-11-28T10:15:00Z", "1970-01-01T00:00:00Z", "2024-02-29T23:59:59Z",
                "2026-11-28T10:15:00.5Z", "2026-11-28T10:15:00.123Z", "2026-11-28T10:15:00.123456789Z",
                "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.1Z");
        for (String text : texts) {
            assertEquals(Instant.parse(text), FieldSpec.parseCanonical(text), text);
        }
    }

    @Test
    void declinesWhatItDoesNotReadExactly() {
        // Each is either invalid or a shape Instant.parse handles itself (the caller falls back to it).
        for (String text : List.of("2023-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z",
                "2026-11-28T24:00:00Z", "2026-11-28T10:60:00Z", "2015-06-30T23:59:60Z", "2026-11-28T10:15:00.Z",
                "2026-11-28T10:15:00.1234567890Z", "2026-11-28 10:15:00Z", "2026-11-28T10:15:0xZ",
                "+2026-11-28T10:15:00Z", "2026-11-28T10:15:00+01:00")) {
            assertNull(FieldSpec.parseCanonical(text), text);
        }
    }

    @Test
    void agreesWithInstantParseOnRandomInstants() {
        Random random = new Random(20261128);
        for (int i = 0; i < 10_000; i++) {
            // Years 1901 to 2038, with and without fractions of a second: all in the canonical shape.
            long seconds = random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? 1L : -1L);
            Instant instant = Instant.ofEpochSecond(seconds, random.nextBoolean() ? 0 : random.nextInt(1_000_000_000));
            assertEquals(instant, FieldSpec.parseCanonical(instant.toString()), instant.toString());
        }
    }
}
