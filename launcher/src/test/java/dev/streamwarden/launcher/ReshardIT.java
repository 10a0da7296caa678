package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.launcher.local.EmulatorExtension;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Resharding while the job runs, on the Kinesis emulator: two shards; one is split into two children, then the two
 * children are merged into one, with records written before, between and after. The job discovers the new shards
 * and reads them: the lake holds every event exactly once, and every shard — the two first ones, both children of
 * the split and the merged one — contributed its records.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ReshardIT {
    private static final String STREAM = "reshard-it";

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @TempDir
    Path tmp;

    @Test
    void splitAndMergeWhileRunningLoseAndRepeatNothing() throws Exception {
        KinesisClient kinesis = KINESIS.client();
        KinesisWriter writer = new KinesisWriter(kinesis);
        writer.createStream(STREAM, 2);
        long expected = 0;
        List<List<byte[]>> batches = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            List<byte[]> records = new ArrayList<>();
            for (int seed = 0; seed < 4; seed++) {
                // Another base time per sample: the generated lines differ, so a line seen twice is a duplicate.
                Instant base = Instant.parse("2026-11-28T10:00:00Z").plus(batch * 10 + seed, ChronoUnit.MINUTES);
                SampleData sample = SampleData.generate(SampleData.Kind.VPC_FLOW, base, batch * 10 + seed);
                records.addAll(sample.records);
                expected += sample.eventsPerLogType.get("vpc_flow");
            }
            batches.add(records);
        }

        writer.putAll(STREAM, batches.get(0));
        JobClient job = start();
        LakeCounts.await(tmp.resolve("lake"), "vpc_flow", 1);
        Resharding.splitInHalf(kinesis, STREAM, "shardId-000000000000");
        writer.putAll(STREAM, batches.get(1));
        Resharding.merge(kinesis, STREAM, "shardId-000000000002", "shardId-000000000003");
        writer.putAll(STREAM, batches.get(2));
        LakeCounts.await(tmp.resolve("lake"), "vpc_flow", expected);
        job.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);

        Map<String, Long> perShard = new TreeMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT record) FROM "
                    + LakeCounts.table(tmp.resolve("lake"), "vpc_flow"))) {
                rs.next();
                assertEquals(expected, rs.getLong(1), "flow events in the lake: none lost");
                assertEquals(expected, rs.getLong(2), "distinct flow events: none twice");
            }
            try (ResultSet rs = sql.executeQuery("SELECT meta.origin, count(*) FROM "
                    + LakeCounts.table(tmp.resolve("lake"), "vpc_flow") + " GROUP BY 1")) {
                while (rs.next()) {
                    perShard.put(rs.getString(1), rs.getLong(2));
                }
            }
        }
        assertEquals(
                List.of(
                        "shardId-000000000000",
                        "shardId-000000000001",
                        "shardId-000000000002",
                        "shardId-000000000003",
                        "shardId-000000000004"),
                List.copyOf(perShard.keySet()),
                "shards that contributed events: " + perShard);
    }

    private JobClient start() throws Exception {
        Configuration conf = TestJobs.configure(new Configuration(), 2, TestJobs.Restarts.NONE);
        return TestJobs.start(
                conf,
                KINESIS.reading(STREAM, 2)
                        .set(ConfigKeys.OUTPUT_LAKE, tmp.resolve("lake").toUri().toString())
                        .set(
                                ConfigKeys.OUTPUT_ALERTS,
                                tmp.resolve("alerts").toUri().toString())
                        .set(
                                ConfigKeys.OUTPUT_DEAD_LETTER,
                                tmp.resolve("dead-letter").toUri().toString())
                        .build(Map.of()),
                "reshard-it");
    }
}
