package dev.streamwarden.job.classify.schema;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * How a timestamp field is written: {@code iso8601} (with or without offset; "T" or space), {@code epoch_seconds}
 * (fractions allowed), {@code epoch_millis}, or a java.time pattern such as {@code dd/MMM/yyyy:HH:mm:ss Z}. A
 * pattern without a year (syslog's {@code MMM d HH:mm:ss}) takes the current UTC year; without a zone, UTC.
 */
public final class TimestampFormat implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String format;
    private transient DateTimeFormatter formatter;

    public TimestampFormat(String format) {
        this.format = format;
        if (!format.equals("iso8601") && !format.equals("epoch_seconds") && !format.equals("epoch_millis")) {
            try {
                formatter();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("bad timestamp format '" + format + "': " + e.getMessage());
            }
        }
    }

    public String format() {
        return format;
    }

    /** Parses the text, or throws IllegalArgumentException naming the expected format. */
    public Instant parse(String text) {
        try {
            switch (format) {
                case "iso8601":
                    return iso(text.trim());
                case "epoch_seconds":
                    double seconds = Double.parseDouble(text.trim());
                    return Instant.ofEpochMilli(Math.round(seconds * 1000));
                case "epoch_millis":
                    return Instant.ofEpochMilli(Long.parseLong(text.trim()));
                default:
                    return pattern(text.trim());
            }
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a timestamp in format " + format);
        }
    }

    private static Instant iso(String text) {
        String t = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || last == 'z') {
            return Instant.parse(t.substring(0, t.length() - 1) + 'Z');
        }
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        }
    }

    private Instant pattern(String text) {
        TemporalAccessor parsed = formatter().parse(text);
        if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
            return ZonedDateTime.from(parsed).toInstant();
        }
        return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }

    private DateTimeFormatter formatter() {
        if (formatter == null) {
            DateTimeFormatterBuilder builder = new DateTimeFormatterBuilder().parseCaseInsensitive()
                    .appendPattern(format);
            if (!format.contains("y") && !format.contains("u")) {
                builder.parseDefaulting(ChronoField.YEAR, Year.now(ZoneOffset.UTC).getValue());
            }
            formatter = builder.toFormatter(Locale.ROOT);
        }
        return formatter;
    }
}
