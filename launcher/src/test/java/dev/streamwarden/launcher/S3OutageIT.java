package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.launcher.local.EmulatorExtension;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.nio.file.Files;
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
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.gaul.s3proxy.junit.S3ProxyExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The S3 API server unreachable for a minute while the job writes its lake there (a TCP relay drops every
 * connection; Kinesis keeps receiving records): checkpoints fail and the job fails over, then it recovers on its
 * own once S3 answers. The lake on S3 holds every event exactly once.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class S3OutageIT {
    private static final String STREAM = "s3-outage-it";
    private static final String BUCKET = "lake-bucket";
    private static final Duration OUTAGE = Duration.ofMinutes(1);

    @RegisterExtension
    static final S3ProxyExtension S3 = S3TestServer.extension();

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @TempDir
    Path tmp;

    @Test
    void aMinuteWithoutS3LosesAndRepeatsNothing() throws Exception {
        SampleData sample = SampleData.generate(SampleData.Kind.VPC_FLOW, Instant.parse("2026-11-28T10:00:00Z"), 13L);
        List<byte[]> before = sample.records.subList(0, 6);
        List<byte[]> during = sample.records.subList(6, sample.records.size());
        long expected = sample.eventsPerLogType.get("vpc_flow");
        KinesisWriter writer = new KinesisWriter(KINESIS.client());
        writer.createStream(STREAM, 2);
        try (S3Client s3 = S3TestServer.client(S3);
                TcpRelay relay = new TcpRelay(S3.getUri().getPort())) {
            s3.createBucket(b -> b.bucket(BUCKET));
            Configuration conf = flinkConfiguration(relay.port());
            FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
            try {
                writer.putAll(STREAM, before);
                JobClient job = start(conf);
                awaitLake(s3, 1); // the job is writing: its first lake file is committed

                relay.down();
                writer.putAll(STREAM, during);
                // The outage lasts its minute whatever the job does; nothing is decided by this wait.
                Thread.sleep(OUTAGE.toMillis());
                relay.up();

                awaitLake(s3, expected);
                job.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(2, TimeUnit.MINUTES);
                System.out.printf("S3OutageIT: %d connections refused during the outage%n", relay.refused.get());
                assertTrue(relay.refused.get() > 0, "the job tried to reach S3 during the outage");
            } finally {
                // File systems are JVM-global: leave no S3 endpoint behind for other tests.
                FileSystem.initialize(new Configuration(), null);
            }
            Path lake = download(s3);
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                    Statement sql = duck.createStatement();
                    ResultSet rs = sql.executeQuery(
                            "SELECT count(*), count(DISTINCT record) FROM " + LakeCounts.table(lake, "vpc_flow"))) {
                rs.next();
                assertEquals(expected, rs.getLong(1), "flow events in the lake: none lost");
                assertEquals(expected, rs.getLong(2), "distinct flow events: none twice");
            }
        }
    }

    private JobClient start(Configuration conf) throws Exception {
        return TestJobs.start(
                conf,
                KINESIS.reading(STREAM, 2)
                        .set(ConfigKeys.OUTPUT_LAKE, "s3://" + BUCKET + "/lake")
                        .set(ConfigKeys.OUTPUT_ALERTS, "s3://" + BUCKET + "/alerts")
                        .set(ConfigKeys.OUTPUT_DEAD_LETTER, "s3://" + BUCKET + "/dead-letter")
                        .build(Map.of()),
                "s3-outage-it");
    }

    private static Configuration flinkConfiguration(int relayPort) {
        Configuration conf = S3TestServer.flink(S3, "http://127.0.0.1:" + relayPort);
        // Give up on an unreachable S3 within seconds, so the checkpoint fails instead of hanging in retries.
        conf.setString("s3.attempts.maximum", "2");
        conf.setString("s3.retry.limit", "2");
        conf.setString("s3.connection.establish.timeout", "2000");
        conf.setString("s3.connection.timeout", "5000");
        conf.setString("execution.checkpointing.timeout", "30 s");
        return TestJobs.configure(conf, 2, TestJobs.Restarts.WITH_BACKOFF);
    }

    /** Waits (bounded by the test's timeout) until the committed lake on S3 holds at least {@code events}. */
    private void awaitLake(S3Client s3, long events) throws Exception {
        while (LakeCounts.committed(download(s3), "vpc_flow") < events) {
            Thread.sleep(1000);
        }
    }

    /** The committed lake files (in-progress uploads are not objects yet), copied to a fresh local directory. */
    private Path download(S3Client s3) throws Exception {
        Path copy = Files.createTempDirectory(tmp, "lake");
        for (S3Object object :
                s3.listObjectsV2Paginator(b -> b.bucket(BUCKET).prefix("lake/")).contents()) {
            if (!object.key().endsWith(".parquet")) {
                continue;
            }
            Path file = copy.resolve(object.key().substring("lake/".length()));
            Files.createDirectories(file.getParent());
            s3.getObject(b -> b.bucket(BUCKET).key(object.key()), file);
        }
        return copy;
    }
}
