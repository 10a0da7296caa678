package dev.streamwarden.launcher.cli;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;

/** The end-of-run report, read from the job's accumulators (see {@code Tally}). */
final class Summary {
    private final Map<String, Long> counts = new TreeMap<>();

    Summary(Map<String, Object> accumulators) {
        accumulators.forEach((name, value) -> {
            if (value instanceof Number) {
                counts.put(name, ((Number) value).longValue());
            }
        });
    }

    long get(String name) {
        return counts.getOrDefault(name, 0L);
    }

    /** The total of a family ("records" sums "records.*") and its members. */
    long total(String prefix) {
        return members(prefix).values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> members(String prefix) {
        Map<String, Long> members = new TreeMap<>();
        counts.forEach((name, value) -> {
            if (name.startsWith(prefix + ".")) {
                members.put(name.substring(prefix.length() + 1), value);
            }
        });
        return members;
    }

    void print(PrintStream out, String lake, String alerts, String deadLetter) {
        out.println();
        out.println("=== Streamwarden run summary ===");
        out.printf("Records read:      %d %s%n", total("records"), members("records"));
        out.printf("Control messages:  %d (CloudWatch Logs health checks, dropped)%n", get("control_messages"));
        out.printf("Events unpacked:   %d%n", get("events_unpacked"));
        out.printf("Events classified: %d %s%n", total("events"), members("events"));
        out.printf("Dead letters:      %d %s%n", total("dead_letters"), members("dead_letters"));
        out.printf("Alerts:            %d %s%n", total("alerts"), members("alerts"));
        if (get("alerts_duplicate") > 0) {
            out.printf(
                    "Duplicate alerts:  %d (the same detection again within output.dedup-horizon; not sent)%n",
                    get("alerts_duplicate"));
        }
        if (total("rule_errors") > 0) {
            out.printf("Rule errors:       %d %s%n", total("rule_errors"), members("rule_errors"));
        }
        if (total("delivered") + total("delivery_failed") + total("already_delivered") > 0) {
            out.printf(
                    "Delivery:          %d delivered, %d already delivered (delivery ledger), %d failed %s%n",
                    total("delivered"),
                    total("already_delivered"),
                    total("delivery_failed"),
                    members("delivery_failed"));
        }
        if (get("late_events") > 0) {
            out.printf(
                    "Late events:       %d (older than a rule's window allows; ignored by that rule)%n",
                    get("late_events"));
        }
        out.println("Parquet lake:      " + lake);
        out.println("Alert archive:     " + alerts);
        out.println("Dead-letter:       " + deadLetter);
        String lakeDir = lake.startsWith("file:") ? java.net.URI.create(lake).getPath() : lake;
        out.println();
        out.println("Inspect the lake with DuckDB (duckdb CLI, or any DuckDB client):");
        out.println("  duckdb -c \"SELECT log_type, count(*) AS events, min(event_time), max(event_time) FROM "
                + "read_parquet('" + lakeDir.replaceAll("/+$", "") + "/**/*.parquet', hive_partitioning = true, "
                + "union_by_name = true) GROUP BY log_type ORDER BY events DESC\"");
        out.println("  (one log type with its typed columns: read_parquet('" + lakeDir.replaceAll("/+$", "")
                + "/log_type=vpc_flow/**/*.parquet'))");
    }
}
