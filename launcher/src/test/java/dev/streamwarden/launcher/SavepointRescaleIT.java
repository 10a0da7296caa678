package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.DrainedRun;
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
import java.util.stream.Collectors;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay from savepoints at other parallelisms, on the Kinesis emulator: the job reads a third of the data at
 * parallelism 2, stops with a savepoint (not drained: windows stay open in state), resumes it at 4 (readers and
 * processing), stops again, resumes at 1 and reads the rest. The lake holds every event exactly once, and the port
 * scan — whose probes are spread over all three runs, so only state carried through both rescales can see 100
 * distinct ports — alerts exactly once.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SavepointRescaleIT {
    private static final String STREAM = "rescale-it";
    private static final int SHARDS = 4;

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @TempDir
    Path tmp;

    @BeforeAll
    static void startEmulator() throws Exception {
        new KinesisWriter(KINESIS.client()).createStream(STREAM, SHARDS);
    }

    @Test
    void stoppedAndResumedAtTwoOtherParallelismsEveryEventIsStoredOnceAndTheScanAlertsOnce() throws Exception {
        SampleData sample = SampleData.generate(SampleData.Kind.VPC_FLOW, Instant.parse("2026-11-28T10:00:00Z"), 7L);
        // 12 CloudWatch Logs payloads (the scan's 130 ports spread over all of them) and a control message.
        List<byte[]> records = sample.records;
        assertEquals(13, records.size());

        String first = runUntilRead(records.subList(0, 4), 2, null, false);
        String second = runUntilRead(records.subList(4, 8), 4, first, false);
        runUntilRead(records.subList(8, 13), 1, second, true);

        long expected = sample.eventsPerLogType.get("vpc_flow");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
                Statement sql = duck.createStatement();
                ResultSet rs = sql.executeQuery("SELECT count(*), count(DISTINCT record) FROM read_parquet('"
                        + tmp.resolve("lake") + "/log_type=vpc_flow/**/*.parquet')")) {
            rs.next();
            assertEquals(expected, rs.getLong(1), "flow events in the lake");
            assertEquals(expected, rs.getLong(2), "distinct flow events: none twice");
        }
        List<String> scans = CommittedFiles.lines(tmp.resolve("alerts")).stream()
                .filter(line -> line.contains("\"rule\":\"vpc_flow_port_scan\""))
                .collect(Collectors.toList());
        assertEquals(1, scans.size(), "port-scan alerts: " + scans);
        assertTrue(scans.get(0).contains(SampleData.SCANNER), scans.get(0));
    }

    /**
     * Writes {@code records}, runs the job (restored from {@code savepoint} when given) until it read them, stops it
     * with a savepoint ({@code drain}: event time to its end, so the last windows close) and returns its path.
     */
    private String runUntilRead(List<byte[]> records, int parallelism, String savepoint, boolean drain)
            throws Exception {
        new KinesisWriter(KINESIS.client()).putAll(STREAM, records);
        Configuration conf = TestJobs.configure(new Configuration(), parallelism, TestJobs.Restarts.NONE);
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        JobClient job = TestJobs.start(conf, config(parallelism), "savepoint-rescale-it");
        long read = 0;
        while (read < records.size()) {
            assertTrue(!job.getJobStatus().get().isGloballyTerminalState(), "the job ended after " + read + " records");
            Thread.sleep(200);
            read = DrainedRun.recordsRead(job.getAccumulators().get());
        }
        String path = job.stopWithSavepoint(
                        drain, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        job.getJobExecutionResult().get();
        assertEquals(records.size(), read, "records read by this run (a re-read one would count twice)");
        return path;
    }

    private StreamwardenConfig config(int parallelism) {
        return KINESIS.reading(STREAM, parallelism)
                .set(ConfigKeys.PROCESSING_PARALLELISM, parallelism)
                .set(ConfigKeys.OUTPUT_LAKE, tmp.resolve("lake").toUri().toString())
                .set(ConfigKeys.OUTPUT_ALERTS, tmp.resolve("alerts").toUri().toString())
                .set(
                        ConfigKeys.OUTPUT_DEAD_LETTER,
                        tmp.resolve("dead-letter").toUri().toString())
                .build(Map.of());
    }
}
