package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.EmulatorExtension;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The two ways back in time: replaying captured records from {@code s3://} (on the S3 API server, s3proxy), and a
 * Kinesis backfill from an instant (AT_TIMESTAMP) that reads what arrived after it and nothing before.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BackfillIT {
    private static final String BUCKET = "captures";

    @RegisterExtension
    static final S3ProxyExtension S3 = S3TestServer.extension();

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @TempDir
    Path tmp;

    @Test
    void capturedRecordsReplayFromS3() throws Exception {
        SampleData sample = SampleData.generate(SampleData.Kind.MIXED, Instant.parse("2026-11-28T10:00:00Z"), 5L);
        try (S3Client s3 = S3TestServer.client(S3)) {
            s3.createBucket(b -> b.bucket(BUCKET));
            for (int i = 0; i < sample.records.size(); i++) {
                String key = "2026/11/28/record-" + i;
                s3.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(sample.records.get(i)));
            }
        }
        Configuration conf =
                TestJobs.configure(S3TestServer.flink(S3, S3.getUri().toString()), 2, TestJobs.Restarts.NONE);
        FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
        try {
            // Bounded: the replay ends when the files are read.
            TestJobs.start(
                            conf,
                            outputs(StreamwardenConfig.builder()
                                            .set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.REPLAY)
                                            .set(ConfigKeys.REPLAY_FILES, List.of("s3://" + BUCKET + "/2026/")))
                                    .build(Map.of()),
                            "replay-from-s3")
                    .getJobExecutionResult()
                    .get();
        } finally {
            // File systems are JVM-global: leave no s3proxy endpoint behind for other tests.
            FileSystem.initialize(new Configuration(), null);
        }

        for (Map.Entry<String, Integer> type : sample.eventsPerLogType.entrySet()) {
            assertEquals(
                    (long) type.getValue(), LakeCounts.committed(tmp.resolve("lake"), type.getKey()), type.getKey());
        }
    }

    @Test
    void aBackfillFromAnInstantReadsWhatArrivedAfterItOnly() throws Exception {
        String stream = "backfill-it";
        KinesisWriter writer = new KinesisWriter(KINESIS.client());
        writer.createStream(stream, 2);
        SampleData before = SampleData.generate(SampleData.Kind.VPC_FLOW, Instant.parse("2026-11-28T09:00:00Z"), 1L);
        SampleData after = SampleData.generate(SampleData.Kind.VPC_FLOW, Instant.parse("2026-11-28T10:00:00Z"), 2L);
        writer.putAll(stream, before.records);
        // The emulator stamps arrival on this machine's clock in milliseconds: every earlier record arrived before
        // the next millisecond, and a record written once the clock has passed the instant arrives after it.
        Instant from = Instant.now().plusMillis(1);
        awaitClockPast(from);
        writer.putAll(stream, after.records);

        JobClient job = TestJobs.start(
                TestJobs.configure(new Configuration(), 2, TestJobs.Restarts.NONE),
                outputs(KINESIS.reading(stream, 2)
                                .set(
                                        ConfigKeys.KINESIS_INITIAL_POSITION,
                                        StreamwardenConfig.InitialPosition.AT_TIMESTAMP)
                                .set(ConfigKeys.KINESIS_INITIAL_TIMESTAMP, from))
                        .build(Map.of()),
                "backfill-it");
        long expected = after.eventsPerLogType.get("vpc_flow");
        LakeCounts.await(tmp.resolve("lake"), "vpc_flow", expected);
        job.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);

        assertEquals(expected, LakeCounts.committed(tmp.resolve("lake"), "vpc_flow"), "the later batch's events");
        // Both batches have as many events; their times tell them apart (the earlier one's are an hour older). Read
        // from the start, the earlier batch comes first in every shard, so this fails whenever the instant is ignored.
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs =
                        sql.executeQuery("SELECT count(*) FROM " + LakeCounts.table(tmp.resolve("lake"), "vpc_flow")
                                + " WHERE event_time < TIMESTAMP '2026-11-28 09:30:00'")) {
            rs.next();
            assertEquals(0, rs.getLong(1), "events of the batch before the instant");
        }
    }

    private StreamwardenConfig.Builder outputs(StreamwardenConfig.Builder config) {
        return config.set(ConfigKeys.OUTPUT_LAKE, tmp.resolve("lake").toUri().toString())
                .set(ConfigKeys.OUTPUT_ALERTS, tmp.resolve("alerts").toUri().toString())
                .set(
                        ConfigKeys.OUTPUT_DEAD_LETTER,
                        tmp.resolve("dead-letter").toUri().toString());
    }

    /** Waits (bounded by the test's timeout) until the wall clock is past {@code instant}. */
    private static void awaitClockPast(Instant instant) throws InterruptedException {
        while (!Instant.now().isAfter(instant)) {
            Thread.sleep(1);
        }
    }
}
