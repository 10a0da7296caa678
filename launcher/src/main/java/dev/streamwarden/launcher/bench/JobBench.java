package dev.streamwarden.launcher.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.management.OperatingSystemMXBean;
import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole job on a MiniCluster in this process (replay of a get-records dump: unpack, classify, rules, Parquet
 * lake, dead letters, alerts; checkpoints on), with the CPU time the process spent and the wall-clock time.
 */
final class JobBench {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    /** What one run cost. */
    static final class Cost {
        final double cpuSeconds;
        final double wallSeconds;

        Cost(double cpuSeconds, double wallSeconds) {
            this.cpuSeconds = cpuSeconds;
            this.wallSeconds = wallSeconds;
        }
    }

    private final Path dir;

    JobBench(Path dir) {
        this.dir = dir;
    }

    /** Writes the workload as one get-records dump (Data base64, as the Kinesis API returns it), KEY.json. */
    Path dump(BenchWorkload workload) throws IOException {
        Path file = dir.resolve(workload.key + ".json");
        try (OutputStream out = Files.newOutputStream(file);
                JsonGenerator json = new JsonFactory().createGenerator(out)) {
            json.writeStartObject();
            json.writeArrayFieldStart("Records");
            long sequence = 0;
            for (byte[] record : workload.records) {
                json.writeStartObject();
                json.writeStringField("SequenceNumber", Long.toString(++sequence));
                json.writeNumberField("ApproximateArrivalTimestamp", 1_764_324_000L + sequence);
                json.writeFieldName("Data");
                json.writeBinary(record);
                json.writeStringField("PartitionKey", "k" + sequence);
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeNullField("NextShardIterator");
            json.writeEndObject();
        }
        return file;
    }

    /** Runs the job over {@code dump} at {@code parallelism}, its outputs under a fresh directory. */
    Cost run(Path dump, int parallelism, String name) throws Exception {
        Path out = Files.createDirectories(dir.resolve(name + "-p" + parallelism));
        StreamwardenConfig config = StreamwardenConfig.builder()
                .set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.REPLAY)
                .set(ConfigKeys.SOURCE_NAME, "bench")
                .set(ConfigKeys.REPLAY_FILES, List.of(dump.toUri().toString()))
                .set(ConfigKeys.OUTPUT_LAKE, out.resolve("lake").toUri().toString())
                .set(ConfigKeys.OUTPUT_ALERTS, out.resolve("alerts").toUri().toString())
                .set(
                        ConfigKeys.OUTPUT_DEAD_LETTER,
                        out.resolve("dead-letter").toUri().toString())
                .set(
                        ConfigKeys.OUTPUT_FAILED_ALERTS,
                        out.resolve("failed-alerts").toUri().toString())
                .build(Map.of());
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", Integer.toString(parallelism));
        conf.setString("execution.checkpointing.interval", "5 s");
        conf.setString("restart-strategy.type", "none");
        conf.setString(
                "state.checkpoints.dir", out.resolve("checkpoints").toUri().toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        StreamwardenJob.build(env, config);
        long cpu = OS.getProcessCpuTime();
        long wall = System.nanoTime();
        env.execute("streamwarden-bench");
        return new Cost((OS.getProcessCpuTime() - cpu) / 1e9, (System.nanoTime() - wall) / 1e9);
    }
}
