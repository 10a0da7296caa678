package dev.streamwarden.launcher.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.testing.TestClusters;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * No input can stop detection: 6,000 records from the fixtures, half of them mutated (bit flips, truncation, type
 * swaps, impossible times, 400-digit numbers, lone surrogates, NUL bytes, 1 MiB strings, 5,000-deep nesting,
 * duplicate keys, broken CloudWatch Logs envelopes, bytes that are not UTF-8), through the whole job on a MiniCluster
 * that never restarts: the job finishes, every unmutated event is in the lake, every mutated record is in the lake or
 * the dead-letter output, and DuckDB reads the lake. {@code bin/streamwarden fuzz --records N} is the long run.
 */
class FuzzTest {
    private static final long RECORDS = 6_000;
    private static final long SEED = 20261201L;

    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(4);

    @Test
    void noRecordStopsTheJobAndEveryRecordIsAccountedFor(@TempDir Path out) throws Exception {
        FuzzRecords records = new FuzzRecords(FuzzCorpus.fixtures(), SEED, 0.5);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(5_000);
        env.getConfig().disableGenericTypes();

        JobExecutionResult result = FuzzRun.execute(env, records, RECORDS, out);
        FuzzCheck.FuzzReport report = FuzzCheck.check(records, RECORDS, FuzzRun.lake(out), FuzzRun.deadLetter(out));
        System.out.println("FuzzTest (seed " + SEED + "):\n" + report);

        assertEquals(0, report.violations, report.toString());
        assertEquals(Map.of(), report.exceptions, "no stage met input it failed on (a bug, though isolated)");
        assertEquals(RECORDS, report.records);
        assertTrue(report.mutated > RECORDS / 3 && report.mutated < 2 * RECORDS / 3, "mutated: " + report.mutated);
        for (Mutation m : Mutation.values()) {
            assertTrue(
                    report.mutations.getOrDefault(m.name(), 0L) >= 10, m + " applied too rarely: " + report.mutations);
        }
        for (String cause : List.of(
                "unpack.malformed_json",
                "unpack.corrupt_gzip",
                "unpack.not_utf8",
                "unpack.too_large",
                "unpack.not_an_event",
                "classify.no_log_type")) {
            assertTrue(report.deadLetters.getOrDefault(cause, 0L) > 0, cause + " never seen: " + report.deadLetters);
        }
        assertTrue(report.mutatedInLake > 0 && report.coercionErrors > 0, "bad values kept in the lake: " + report);
        assertEquals(
                sum(result.getAllAccumulatorResults(), "events."),
                report.lakeRows,
                "every classified event is in the lake");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs =
                        sql.executeQuery("SELECT count(*), count(*) FILTER (WHERE len(meta.coercion_errors) > 0),"
                                + " count(*) FILTER (WHERE NOT json_valid(record)) FROM read_parquet('"
                                + FuzzRun.lake(out)
                                + "/**/*.parquet', union_by_name = true)")) {
            rs.next();
            assertEquals(report.lakeRows, rs.getLong(1), "DuckDB reads every row");
            assertTrue(rs.getLong(2) > 0, "events with values that did not type");
            assertEquals(0, rs.getLong(3), "every record is JSON DuckDB's functions read");
        }
    }

    private static long sum(Map<String, Object> accumulators, String prefix) {
        return accumulators.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .mapToLong(e -> ((Number) e.getValue()).longValue())
                .sum();
    }
}
