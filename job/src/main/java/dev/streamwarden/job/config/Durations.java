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

    /** The shortest exact form that {@link #parse} reads back, in hours at most: "500ms", "30s", "5m", "24h". */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        long[] sizes = {3_600_000L, 60_000L, 1_000L};
        String[] units = {"h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }
}
