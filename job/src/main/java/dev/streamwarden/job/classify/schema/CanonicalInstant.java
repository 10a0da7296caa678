package dev.streamwarden.job.classify.schema;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The canonical text of an instant, {@code Instant.toString()}'s ({@code uuuu-MM-ddTHH:mm:ss[.fraction]Z}), which
 * records hold for every timestamp field: read and written digit by digit, for years 1 to 9999. java.time's
 * formatter costs more than the rest of a flow-log line's classification.
 */
final class CanonicalInstant {
    /** {@code uuuu-MM-ddTHH:mm:ssZ}. */
    static final int SECONDS_LENGTH = 20;

    private CanonicalInstant() {}

    /**
     * The instant the text is, read digit by digit. Null when the text is not exactly that (leap seconds, offsets, bad
     * dates, year 0000...): the caller falls back to {@link Instant#parse} and the range check, so the results
     * never differ.
     */
    static Instant parse(String t) {
        int n = t.length();
        if (n < SECONDS_LENGTH
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || t.charAt(10) != 'T'
                || t.charAt(13) != ':'
                || t.charAt(16) != ':'
                || t.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        if (year < 1
                || month < 1
                || month > 12
                || day < 1
                || day > 31
                || hour < 0
                || hour > 23
                || minute < 0
                || minute > 59
                || second < 0
                || second > 59) {
            return null;
        }
        int nanos = 0;
        if (n > SECONDS_LENGTH) {
            int fractionDigits = n - SECONDS_LENGTH - 1;
            int fraction = t.charAt(19) == '.' && fractionDigits <= 9 ? digits(t, 20, n - 1) : -1;
            if (fraction < 0) {
                return null;
            }
            nanos = fraction * (int) Math.pow(10, 9 - fractionDigits);
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The decimal number in t[from, to), or -1 unless every char there is a digit (and there is one). */
    private static int digits(String t, int from, int to) {
        if (from >= to) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    /**
     * What {@code instant.toString()} returns, without java.time's formatter for years 1 to 9999 (the only ones a
     * timestamp field holds; any other goes to {@code toString()}).
     */
    static String format(Instant instant) {
        long seconds = instant.getEpochSecond();
        long epochDay = Math.floorDiv(seconds, 86_400);
        int secondOfDay = (int) Math.floorMod(seconds, 86_400);
        // Civil date from days (Howard Hinnant's algorithm; March-based years so leap days come last).
        long z = epochDay + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long dayOfEra = z - era * 146_097;
        long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        long monthIndex = (5 * dayOfYear + 2) / 153;
        int day = (int) (dayOfYear - (153 * monthIndex + 2) / 5 + 1);
        int month = (int) (monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        if (year < 1 || year > 9999) {
            return instant.toString();
        }
        int nanos = instant.getNano();
        int fractionDigits = nanos == 0 ? 0 : nanos % 1_000_000 == 0 ? 3 : nanos % 1_000 == 0 ? 6 : 9;
        char[] text = new char[SECONDS_LENGTH + (fractionDigits == 0 ? 0 : fractionDigits + 1)];
        put(text, 0, (int) year, 4);
        text[4] = '-';
        put(text, 5, month, 2);
        text[7] = '-';
        put(text, 8, day, 2);
        text[10] = 'T';
        put(text, 11, secondOfDay / 3_600, 2);
        text[13] = ':';
        put(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        put(text, 17, secondOfDay % 60, 2);
        if (fractionDigits > 0) {
            text[19] = '.';
            put(text, 20, nanos / (int) Math.pow(10, 9 - fractionDigits), fractionDigits);
        }
        text[text.length - 1] = 'Z';
        return new String(text);
    }

    /** {@code value} as {@code width} decimal digits, zero-padded, at text[at]. */
    private static void put(char[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
