package dev.streamwarden.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code local [--stream NAME] [--shards N]}: the Kinesis emulator with a stream, kept up until Ctrl-C, and a
 * runtime-properties file for {@code run} that reads it, so the unbounded job can be tried with {@code produce},
 * {@code peek} and {@code sizing} against it.
 */
final class LocalCommand {
    private final PrintStream out;

    LocalCommand(PrintStream out) {
        this.out = out;
    }

    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("stream", "shards"));
        String stream = args.get("stream", "flows");
        int shards = (int) Args.positive(args.get("shards", "2"), "--shards");
        Path work = LocalRuntime.home().resolve(".streamwarden");
        Path dir = work.resolve("local");
        out.println("Starting the Kinesis emulator (kinesis-local; first run installs it with npm)...");
        try (KinesisEmulator emulator = KinesisEmulator.start(work.resolve("kinesis-local"));
                KinesisClient kinesis = KinesisEmulator.client(emulator.endpoint())) {
            new KinesisWriter(kinesis).createStream(stream, shards);
            Path config = writeConfig(dir, stream, shards, emulator.endpoint());
            String endpoint = emulator.endpoint();
            out.println("Kinesis emulator at " + endpoint + ", stream " + stream + " (" + shards + " shards).");
            out.println("Runtime properties for run: " + config);
            out.println("Try, in another terminal:");
            out.println("  bin/streamwarden run --config " + config);
            out.println("  bin/streamwarden produce --stream " + stream + " --endpoint " + endpoint
                    + " --sample mixed --rate 50 --duration 1m");
            out.println("  bin/streamwarden peek --stream " + stream + " --endpoint " + endpoint);
            out.println("  bin/streamwarden sizing --stream " + stream + " --endpoint " + endpoint);
            out.println("Outputs of run land in " + dir.resolve("out") + ". Ctrl-C stops the emulator.");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        }
        return 0;
    }

    /** A run configuration reading the emulator's stream at one reader per shard, outputs under {@code dir/out}. */
    static Path writeConfig(Path dir, String stream, int shards, String endpoint) throws Exception {
        Files.createDirectories(dir);
        Path outputs = dir.resolve("out").toAbsolutePath();
        ObjectMapper json = new ObjectMapper();
        ArrayNode groups = json.createArrayNode();
        group(
                groups,
                "kinesis",
                Map.of(
                        "stream",
                        stream,
                        "endpoint",
                        endpoint,
                        "initial-position",
                        "TRIM_HORIZON",
                        "source-parallelism",
                        Integer.toString(shards)));
        Properties consumer = KinesisEmulator.consumerProperties();
        ObjectNode consumerGroup = groups.addObject().put("PropertyGroupId", "kinesis.consumer");
        ObjectNode consumerMap = consumerGroup.putObject("PropertyMap");
        consumer.stringPropertyNames().stream().sorted().forEach(k -> consumerMap.put(k, consumer.getProperty(k)));
        group(
                groups,
                "output",
                Map.of(
                        "lake", outputs.resolve("lake").toUri().toString(),
                        "alerts", outputs.resolve("alerts").toUri().toString(),
                        "dead-letter", outputs.resolve("dead-letter").toUri().toString(),
                        "failed-alerts",
                                outputs.resolve("failed-alerts").toUri().toString(),
                        "print-alerts", "true"));
        Path file = dir.resolve("config.json");
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(groups));
        return file;
    }

    private static void group(ArrayNode groups, String id, Map<String, String> keys) {
        ObjectNode map = groups.addObject().put("PropertyGroupId", id).putObject("PropertyMap");
        keys.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> map.put(e.getKey(), e.getValue()));
    }
}
