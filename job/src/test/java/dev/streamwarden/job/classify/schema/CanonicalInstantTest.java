package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The canonical text is exactly {@code Instant.toString()}'s, and reads back as the same instant. */
class CanonicalInstantTest {
    private static final long FIRST = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
    private static final long LAST = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    @Test
    void edgesOfTheCalendarAndOfFractions() {
        for (String text : List.of(
                "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z",
                "1969-12-31T23:59:59.999Z",
                "2000-02-29T12:00:00.000001Z",
                "1900-03-01T00:00:00.100Z",
                "2024-02-29T23:59:59.120Z",
                "2026-11-28T10:00:00.123456789Z",
                "2100-12-31T00:00:01.000100Z")) {
            Instant instant = Instant.parse(text);
            assertEquals(instant.toString(), CanonicalInstant.format(instant), text);
        }
    }

    @Test
    void everyYearFromOneToNineThousandNineHundredNinetyNine() {
        SplittableRandom random = new SplittableRandom(7);
        // Whole seconds, milliseconds, microseconds, nanoseconds: the four shapes of the fraction.
        int[] units = {1_000_000_000, 1_000_000, 1_000, 1};
        for (int i = 0; i < 200_000; i++) {
            long second = random.nextLong(FIRST, LAST + 1);
            int unit = units[i % units.length];
            Instant instant = Instant.ofEpochSecond(second, (long) random.nextInt(1_000_000_000 / unit) * unit);
            String text = CanonicalInstant.format(instant);
            assertEquals(instant.toString(), text);
            assertEquals(instant, CanonicalInstant.parse(text), text);
        }
    }

    @Test
    void yearsOutsideTheRangeAreJavaTimesOwnText() {
        Instant tooLate = Instant.parse("+10000-01-01T00:00:00Z");
        Instant yearZero = Instant.parse("0000-06-01T00:00:00Z");
        assertEquals(tooLate.toString(), CanonicalInstant.format(tooLate));
        assertEquals(yearZero.toString(), CanonicalInstant.format(yearZero));
    }
}
