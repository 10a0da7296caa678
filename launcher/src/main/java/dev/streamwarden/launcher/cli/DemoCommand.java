package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.DrainedRun;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.SampleData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code demo}: the whole product on this machine. A Kinesis emulator, a 2-shard stream filled with sample data
 * (random partition keys), the job reading it at shard parallelism until drained, alerts printed as they fire.
 */
final class DemoCommand {
    private static final String STREAM = "streamwarden-demo";
    private static final int SHARDS = 2;

    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("slack-webhook"));
        Path work = LocalRuntime.home().resolve(".streamwarden");
        Path out = work.resolve("demo");
        deleteRecursively(out);

        System.out.println("Starting the Kinesis emulator (kinesis-local; first run installs it with npm)...");
        try (KinesisEmulator emulator = KinesisEmulator.start(work.resolve("kinesis-local"));
                KinesisClient kinesis = KinesisEmulator.client(emulator.endpoint())) {
            KinesisWriter writer = new KinesisWriter(kinesis);
            writer.createStream(STREAM, SHARDS);
            SampleData sample = SampleData.generate(Instant.now().minus(10, ChronoUnit.MINUTES), 42L);
            int written = writer.putAll(STREAM, sample.records);
            System.out.printf(
                    "Wrote %d records to %s (%d shards) at %s%n", written, STREAM, SHARDS, emulator.endpoint());

            StreamwardenConfig.Builder builder = StreamwardenConfig.builder();
            builder.set(ConfigKeys.KINESIS_STREAM, STREAM);
            builder.set(ConfigKeys.KINESIS_ENDPOINT, emulator.endpoint());
            builder.set(ConfigKeys.KINESIS_INITIAL_POSITION, StreamwardenConfig.InitialPosition.TRIM_HORIZON);
            builder.set(ConfigKeys.KINESIS_SOURCE_PARALLELISM, SHARDS);
            builder.consumerProperties(KinesisEmulator.consumerProperties());
            StreamwardenConfig config = Outputs.local(out, builder, args);

            StreamExecutionEnvironment env =
                    LocalRuntime.watchedEnvironment(LocalRuntime.failingFast(LocalRuntime.configuration()), System.out);
            StreamwardenJob.build(env, config);
            System.out.println("Running the job; alerts print as they fire...");
            JobClient job = env.executeAsync("streamwarden-demo");
            JobExecutionResult result =
                    DrainedRun.stopWhenRead(job, written, Duration.ofMinutes(3), out.resolve("savepoints"));
            new Summary(result.getAllAccumulatorResults())
                    .print(System.out, config.lakePath(), config.alertsPath(), config.deadLetterPath());
        }
        return 0;
    }

    private static void deleteRecursively(Path dir) throws Exception {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
