package dev.streamwarden.job.classify.schema;

import dev.streamwarden.job.model.Reasons;
import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How a timestamp field is written: {@code iso8601} (with or without offset; "T" or space), {@code epoch_seconds}
 * (fractions allowed), {@code epoch_millis}, or a java.time pattern such as {@code dd/MMM/yyyy:HH:mm:ss Z}. A
 * pattern without a year (syslog's {@code MMM d HH:mm:ss}) takes the year of the reference time (when the record
 * arrived), or the year before when that would put the time more than a day after the reference: a 31 December
 * line read on 1 January belongs to the year that just ended. Without a zone, UTC.
 */
public final class TimestampFormat implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String format;
    private final boolean yearless;
    private transient DateTimeFormatter formatter;

    public TimestampFormat(String format) {
        this.format = format;
        this.yearless = isPattern(format) && !format.contains("y") && !format.contains("u");
        if (isPattern(format)) {
            try {
                formatter();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad timestamp format '" + format + "': " + e.getMessage());
            }
        }
    }

    private static boolean isPattern(String format) {
        return !format.equals("iso8601") && !format.equals("epoch_seconds") && !format.equals("epoch_millis");
    }

    public String format() {
        return format;
    }

    /**
     * Parses the text; {@code referenceMillis} supplies the year of yearless patterns.
     *
     * @throws IllegalArgumentException naming the expected format, for any text that is not such a time (impossible
     *     dates such as 2025-02-30 and times such as 25:61:61 included)
     */
    public Instant parse(String text, long referenceMillis) {
        String t = text.trim();
        try {
            switch (format) {
                case "iso8601":
                    return iso(t);
                case "epoch_seconds":
                    return FieldSpec.epochSeconds(Double.parseDouble(t));
                case "epoch_millis":
                    return Instant.ofEpochMilli(Long.parseLong(t));
                default:
                    return yearless ? withInferredYear(t, referenceMillis) : pattern(t);
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("'" + Reasons.quoted(text) + "' is not a timestamp in format " + format);
        }
    }

    private static Instant iso(String text) {
        String t =
                text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || last == 'z') {
            return Instant.parse(t.substring(0, t.length() - 1) + 'Z');
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeException noOffset) {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        }
    }

    private Instant pattern(String text) {
        return toInstant(formatter().parse(text));
    }

    private Instant withInferredYear(String text, long referenceMillis) {
        TemporalAccessor parsed = formatter().parse(text);
        int year = Instant.ofEpochMilli(referenceMillis).atZone(ZoneOffset.UTC).getYear();
        Instant inYear = atYear(parsed, year);
        return inYear.toEpochMilli() > referenceMillis + PlausibleTime.MAX_AHEAD_MILLIS
                ? atYear(parsed, year - 1)
                : inYear;
    }

    private static Instant atYear(TemporalAccessor parsed, int year) {
        LocalDateTime local = LocalDateTime.of(
                year,
                parsed.get(ChronoField.MONTH_OF_YEAR),
                parsed.get(ChronoField.DAY_OF_MONTH),
                parsed.get(ChronoField.HOUR_OF_DAY),
                parsed.get(ChronoField.MINUTE_OF_HOUR),
                parsed.isSupported(ChronoField.SECOND_OF_MINUTE) ? parsed.get(ChronoField.SECOND_OF_MINUTE) : 0,
                parsed.isSupported(ChronoField.NANO_OF_SECOND) ? parsed.get(ChronoField.NANO_OF_SECOND) : 0);
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS))
                : ZoneOffset.UTC;
        return local.toInstant(offset);
    }

    private static Instant toInstant(TemporalAccessor parsed) {
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return ZonedDateTime.from(parsed).toInstant();
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }

    private DateTimeFormatter formatter() {
        if (formatter == null) {
            // Strict: 2025-02-30 and 25:61:61 are not times (the default resolver would quietly shift them).
            formatter = new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .appendPattern(prolepticYears(format))
                    .toFormatter(Locale.ROOT)
                    .withResolverStyle(ResolverStyle.STRICT);
        }
        return formatter;
    }

    /**
     * The strict resolver reads 'y' (year of era) only together with an era; schemas write 'yyyy' as everyone does,
     * meaning the proleptic year 'u'. Letters inside quotes are text and stay.
     */
    static String prolepticYears(String pattern) {
        if (pattern.indexOf('G') >= 0) {
            return pattern;
        }
        StringBuilder out = new StringBuilder(pattern.length());
        boolean quoted = false;
        for (char c : pattern.toCharArray()) {
            quoted ^= c == '\'';
            out.append(!quoted && c == 'y' ? 'u' : c);
        }
        return out.toString();
    }
}
