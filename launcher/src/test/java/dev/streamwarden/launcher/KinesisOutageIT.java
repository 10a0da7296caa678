package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.EmulatorExtension;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kinesis unreachable for a minute while the job runs (the job reads through a TCP relay that drops every connection
 * meanwhile; producers keep writing to the emulator): the job fails over and retries with backoff, then resumes
 * from its checkpoint once Kinesis answers again. The lake holds every event exactly once (no gap, no duplicate),
 * and the relay counts how often the job knocked while Kinesis was away.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class KinesisOutageIT {
    private static final String STREAM = "outage-it";
    private static final Duration OUTAGE = Duration.ofMinutes(1);

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startEmulator() throws Exception {
        new KinesisWriter(KINESIS.client()).createStream(STREAM, 2);
    }

    @Test
    void aMinuteWithoutKinesisLosesAndRepeatsNothing() throws Exception {
        SampleData sample = SampleData.generate(SampleData.Kind.VPC_FLOW, Instant.parse("2026-11-28T10:00:00Z"), 11L);
        List<byte[]> before = sample.records.subList(0, 6);
        List<byte[]> during = sample.records.subList(6, sample.records.size());
        long expected = sample.eventsPerLogType.get("vpc_flow");
        URI target = URI.create(KINESIS.endpoint());
        try (TcpRelay relay = new TcpRelay(target.getPort())) {
            KinesisWriter writer = new KinesisWriter(KINESIS.client());
            writer.putAll(STREAM, before);
            JobClient job = start(relay.port());
            LakeCounts.await(tmp.resolve("lake"), "vpc_flow", 1); // the job is reading: its first events are committed

            relay.down();
            writer.putAll(STREAM, during);
            long outageStarted = System.nanoTime();
            // The outage lasts its minute whatever the job does; nothing is decided by this wait.
            Thread.sleep(OUTAGE.toMillis());
            int knocks = relay.refused.get();
            relay.up();
            long outageSeconds = (System.nanoTime() - outageStarted) / 1_000_000_000L;

            LakeCounts.await(tmp.resolve("lake"), "vpc_flow", expected); // every event, after the outage
            job.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(2, TimeUnit.MINUTES);

            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement sql = duck.createStatement();
                    ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT record) FROM "
                            + LakeCounts.table(tmp.resolve("lake"), "vpc_flow"))) {
                rs.next();
                assertEquals(expected, rs.getLong(1), "flow events in the lake: none lost");
                assertEquals(expected, rs.getLong(2), "distinct flow events: none twice");
            }
            System.out.printf(
                    "KinesisOutageIT: %d connections refused in %d s of outage (%.1f/s)%n",
                    knocks, outageSeconds, knocks / (double) Math.max(1, outageSeconds));
            // Backoff, not a hot loop: a retrying client without it opens thousands of connections a minute.
            assertTrue(knocks < 20 * outageSeconds, knocks + " connections in " + outageSeconds + " s");
            assertTrue(knocks > 0, "the job tried to read during the outage");
        }
    }

    private JobClient start(int relayPort) throws Exception {
        StreamwardenConfig config = EmulatorExtension.reading("http://127.0.0.1:" + relayPort, STREAM, 2)
                .set(ConfigKeys.OUTPUT_LAKE, tmp.resolve("lake").toUri().toString())
                .set(ConfigKeys.OUTPUT_ALERTS, tmp.resolve("alerts").toUri().toString())
                .set(
                        ConfigKeys.OUTPUT_DEAD_LETTER,
                        tmp.resolve("dead-letter").toUri().toString())
                .build(Map.of());
        return TestJobs.start(
                TestJobs.configure(new Configuration(), 2, TestJobs.Restarts.WITH_BACKOFF),
                config,
                "kinesis-outage-it");
    }
}
