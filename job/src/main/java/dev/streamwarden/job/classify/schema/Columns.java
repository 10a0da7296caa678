package dev.streamwarden.job.classify.schema;

import java.util.Locale;
import java.util.Set;

/**
 * Lake column names that Athena, Glue and DuckDB all accept: lower snake_case ({@code eventVersion} →
 * {@code event_version}, {@code detail-type} → {@code detail_type}), a letter first, never one of the lake's own
 * columns. The same function names the Parquet columns and the DDL, so they always agree.
 */
public final class Columns {
    /** Columns every lake table has besides the log's own fields (and the partitions). */
    public static final Set<String> RESERVED =
            Set.of("event_time", "meta", "normalized", "record", "log_type", "dt", "hour");

    private Columns() {}

    public static String sanitize(String field) {
        String snake = field.replaceAll("([a-z0-9])([A-Z])", "$1_$2")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "_")
                .replaceAll("^_+|_+$", "");
        if (snake.isEmpty() || !Character.isLetter(snake.charAt(0))) {
            snake = "f_" + snake;
        }
        return RESERVED.contains(snake) ? snake + "_field" : snake;
    }
}
