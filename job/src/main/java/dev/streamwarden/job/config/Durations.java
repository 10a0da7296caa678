package dev.streamwarden.job.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/** Parses "500ms", "30s", "5m", "1h", "2d" or ISO-8601 ("PT5M"). */
public final class Durations {
    private Durations() {}

    public static Duration parse(String key, String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.startsWith("p")) {
                return Duration.parse(text.trim().toUpperCase());
            }
            if (t.endsWith("ms")) {
                return Duration.ofMillis(
                        Long.parseLong(t.substring(0, t.length() - 2).trim()));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1).trim());
            switch (t.charAt(t.length() - 1)) {
                case 's':
                    return Duration.ofSeconds(n);
                case 'm':
                    return Duration.ofMinutes(n);
                case 'h':
                    return Duration.ofHours(n);
                case 'd':
                    return Duration.ofDays(n);
                default:
                    break;
            }
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            // fall through to the error below
        }
        throw new ConfigException(key + ": '" + text + "' is not a duration (e.g. 500ms, 30s, 5m, 1h, PT5M)");
    }
}
