package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.launcher.local.EmulatorExtension;
import dev.streamwarden.launcher.local.KinesisReader;
import dev.streamwarden.launcher.local.KinesisWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * produce and sizing against the Kinesis emulator: every record of the files arrives once and the shard counts add
 * up; sizing counts what arrived.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class StreamCommandsTest {
    private static final Pattern SHARD_LINE = Pattern.compile("  (shardId-\\d+)  (\\d+)");

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @Test
    void filesAreWrittenOnceEachWithShardCounts(@TempDir Path dir) throws Exception {
        new KinesisWriter(KINESIS.client()).createStream("produce-files", 4);
        ObjectMapper json = new ObjectMapper();
        ObjectNode dump = json.createObjectNode();
        ArrayNode records = dump.putArray("Records");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 700; i++) {
            String data = "{\"n\":" + i + "}";
            expected.add(data);
            records.addObject()
                    .put("Data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)))
                    .put("PartitionKey", "k")
                    .put("SequenceNumber", Integer.toString(i))
                    .put("ApproximateArrivalTimestamp", 1.7648e9);
        }
        Path dumpFile = dir.resolve("dump.json");
        Files.writeString(dumpFile, dump.toString());
        Path raw = dir.resolve("raw.txt");
        Files.writeString(raw, "one raw record");
        expected.add("one raw record");

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode = new ProduceCommand(new PrintStream(printed, true, StandardCharsets.UTF_8))
                .run(List.of(
                        "--stream",
                        "produce-files",
                        "--endpoint",
                        KINESIS.endpoint(),
                        dumpFile.toString(),
                        raw.toString()));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertEquals(0, exitCode, output);
        // 701 records: a batch of 500, then 201 (the emulator never throttles).
        assertTrue(
                output.startsWith("Wrote 701 of 701 records to produce-files in 2 PutRecords calls (0 entries sent "
                        + "again after throttling)\n"),
                output);
        Matcher shard = SHARD_LINE.matcher(output);
        long total = 0;
        int shards = 0;
        while (shard.find()) {
            total += Long.parseLong(shard.group(2));
            shards++;
        }
        assertEquals(701, total, output);
        assertEquals(4, shards, "random keys reach every shard: " + output);

        List<String> read = new ArrayList<>();
        new KinesisReader(KINESIS.client())
                .read(
                        "produce-files",
                        ShardIteratorType.TRIM_HORIZON,
                        null,
                        702,
                        Duration.ofSeconds(1),
                        record -> read.add(new String(record.data, StandardCharsets.UTF_8)));
        read.sort(null);
        expected.sort(null);
        assertEquals(expected, read, "each record once");
    }

    @Test
    void sizingMeasuresWhatArrivedAndRecommendsOneReaderPerShard() throws Exception {
        new KinesisWriter(KINESIS.client()).createStream("sizing", 3);
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            records.add(("{\"eventVersion\":\"1.09\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        new KinesisWriter(KINESIS.client()).putAll("sizing", records);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        // A window of an hour holds every record however long the writes took.
        int exitCode = new SizingCommand(new PrintStream(printed, true, StandardCharsets.UTF_8), Clock.systemUTC())
                .run(List.of("--stream", "sizing", "--endpoint", KINESIS.endpoint(), "--window", "1h", "--json"));

        assertEquals(0, exitCode);
        JsonNode sizing = new ObjectMapper().readTree(printed.toString(StandardCharsets.UTF_8));
        assertEquals(3, sizing.path("open_shards").asInt());
        assertEquals(3, sizing.path("source_parallelism").asInt());
        assertEquals(3, sizing.path("parallelism").asInt());
        assertEquals(3, sizing.path("kpus").asInt());
        assertEquals(0, sizing.path("hot_shards").size());
        double recordsPerHour = 0;
        double eventsPerHour = 0;
        for (JsonNode shard : sizing.path("shards")) {
            recordsPerHour += shard.path("records_per_second").asDouble() * 3600;
            eventsPerHour += shard.path("events_per_second").asDouble() * 3600;
        }
        assertEquals(120, Math.round(recordsPerHour), "every record counted once: " + sizing);
        assertEquals(120, Math.round(eventsPerHour), "one event per JSON record");
    }

    @Test
    void aMissingFileIsNotFoundAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Args.UsageException e = org.junit.jupiter.api.Assertions.assertThrows(
                Args.UsageException.class,
                () -> new ProduceCommand(System.out)
                        .run(List.of(
                                "--stream",
                                "s",
                                "--endpoint",
                                KINESIS.endpoint(),
                                dir.resolve("none").toString())));
        assertEquals(dir.resolve("none") + " not found", e.getMessage());
    }
}
