package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.ManualPollClock;
import dev.streamwarden.launcher.local.SampleData;
import dev.streamwarden.launcher.local.TestEmulator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * {@code peek} against the real emulator: what is in the stream, as the job sees it and as it is stored. Its
 * {@code --wait} passes on a {@link ManualPollClock}, in the reader's pauses, not on the wall clock.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PeekCommandTest {
    private static final String STREAM = "peek-test";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FLOW = "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20"
            + " 4249 1418530010 1418530070 ACCEPT OK";
    private static final String CLOUDWATCH_LOGS = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789010\","
            + "\"logGroup\":\"flows\",\"logStream\":\"eni\",\"subscriptionFilters\":[\"f\"],\"logEvents\":["
            + "{\"id\":\"1\",\"timestamp\":1418530010000,\"message\":\"" + FLOW + "\"},"
            + "{\"id\":\"2\",\"timestamp\":1418530010000,\"message\":\"" + FLOW + "\"}]}";

    private static KinesisEmulator emulator;
    private static KinesisClient client;

    @BeforeAll
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    static void streamWithThreeRecords() throws Exception {
        // The default credential chain reads these first; the emulator accepts any.
        System.setProperty("aws.accessKeyId", "fakeKey");
        System.setProperty("aws.secretAccessKey", "fakeSecret");
        emulator = TestEmulator.start();
        client = KinesisEmulator.client(emulator.endpoint());
        KinesisWriter writer = new KinesisWriter(client);
        writer.createStream(STREAM, 2);
        writer.putAll(
                STREAM,
                List.of(
                        SampleData.gzip(CLOUDWATCH_LOGS.getBytes(StandardCharsets.UTF_8)),
                        "hello, not a log".getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void showsEachEventAsTheJobSeesIt() throws Exception {
        List<JsonNode> lines = peek("--from", "trim-horizon");

        assertEquals(3, lines.size(), "two flow events from one record, one error: " + lines);
        List<JsonNode> flows = lines.stream()
                .filter(l -> "vpc_flow".equals(l.path("log_type").asText()))
                .collect(Collectors.toList());
        assertEquals(2, flows.size());
        assertEquals(
                "172.31.16.139",
                flows.get(0).path("normalized").path("src_addr").asText());
        assertTrue(
                flows.get(0).path("origin").asText().startsWith("shardId-"),
                flows.get(0).toString());
        assertNotNull(flows.get(0).path("sequence_number").textValue());
        JsonNode error = lines.stream().filter(l -> l.has("error")).findFirst().orElseThrow();
        assertEquals("classify", error.path("stage").asText());
        assertEquals("hello, not a log", error.path("input").asText());
    }

    @Test
    void rawShowsRecordsAsStored() throws Exception {
        List<JsonNode> lines = peek("--from", "trim-horizon", "--raw");

        assertEquals(2, lines.size());
        JsonNode gzipped = lines.stream()
                .filter(l -> l.path("gzip").asBoolean())
                .findFirst()
                .orElseThrow();
        assertEquals(CLOUDWATCH_LOGS, gzipped.path("data").asText(), "gunzipped");
        assertTrue(gzipped.path("bytes").asInt() < CLOUDWATCH_LOGS.length(), "size as stored (compressed)");
        assertEquals(36, gzipped.path("partition_key").asText().length(), "the writer's random UUID key");
        JsonNode plain = lines.stream()
                .filter(l -> !l.path("gzip").asBoolean())
                .findFirst()
                .orElseThrow();
        assertEquals("hello, not a log", plain.path("data").asText());
    }

    @Test
    void stopsAtTheLimitOrWhenQuiet() throws Exception {
        ManualPollClock atTheLimit = new ManualPollClock();
        assertEquals(
                1,
                peek(atTheLimit, "--from", "trim-horizon", "--raw", "--limit", "1")
                        .size());
        assertEquals(Duration.ZERO, atTheLimit.elapsed(), "the limit ends it at once, without waiting");

        ManualPollClock quiet = new ManualPollClock();
        assertEquals(List.of(), peek(quiet, "--from", "latest", "--wait", "2s"), "nothing new arrives");
        assertEquals(Duration.ofSeconds(2), quiet.elapsed(), "returned after the 2 s wait, and only then");
    }

    private static List<JsonNode> peek(String... options) throws Exception {
        return peek(new ManualPollClock(), options);
    }

    private static List<JsonNode> peek(ManualPollClock clock, String... options) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("--stream", STREAM, "--endpoint", emulator.endpoint()));
        argv.addAll(List.of(options));
        if (!argv.contains("--wait")) {
            argv.addAll(List.of("--wait", "1s"));
        }
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        assertEquals(0, new PeekCommand(out, clock).run(argv));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(MAPPER.readTree(line));
            }
        }
        return lines;
    }
}
