package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.launcher.local.SampleData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String FLOW =
            "2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 1418530070 "
                    + "ACCEPT OK";
    private static final String CWL = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789010\",\"logGroup\":\"g\","
            + "\"logStream\":\"s\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":\""
            + FLOW + "\"},{\"id\":\"2\",\"timestamp\":1,\"message\":\"" + FLOW + "\"}]}";

    private static List<JsonNode> classify(String... files) throws Exception {
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, new ClassifyCommand().run(List.of(files)));
        } finally {
            System.setOut(stdout);
        }
        List<JsonNode> lines = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                lines.add(MAPPER.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void eachLineIsOneRecordAndEnvelopesAreUnpacked(@TempDir Path dir) throws Exception {
        Path lines = dir.resolve("mixed.log");
        Files.writeString(lines, FLOW + "\n" + CWL + "\nnot a log we know\n");

        List<JsonNode> out = classify(lines.toString());

        assertEquals(4, out.size(), out.toString());
        assertEquals("vpc_flow", out.get(0).path("log_type").asText());
        assertEquals(22, out.get(0).path("normalized").path("dst_port").asInt());
        assertEquals(20641, out.get(0).path("record").path("srcport").asInt());
        assertEquals("vpc_flow", out.get(2).path("log_type").asText(), "the CloudWatch Logs line holds two events");
        assertEquals("classify", out.get(3).path("stage").asText());
        assertTrue(
                out.get(3).path("error").asText().startsWith("no log type matched"),
                out.get(3).toString());
        assertEquals("not a log we know", out.get(3).path("input").asText());
    }

    @Test
    void readsGzipPayloadsAndGetRecordsDumps(@TempDir Path dir) throws Exception {
        Path gz = dir.resolve("payload.gz");
        Files.write(gz, SampleData.gzip(CWL.getBytes(StandardCharsets.UTF_8)));
        Path dump = dir.resolve("dump.json");
        Files.writeString(
                dump,
                "{\"Records\":[{\"SequenceNumber\":\"1\",\"ApproximateArrivalTimestamp\":1.5,"
                        + "\"PartitionKey\":\"a\",\"Data\":\""
                        + Base64.getEncoder().encodeToString(SampleData.gzip(CWL.getBytes(StandardCharsets.UTF_8)))
                        + "\"}]}");

        List<JsonNode> out = classify(gz.toString(), dump.toString());

        assertEquals(4, out.size(), out.toString());
        for (JsonNode line : out) {
            assertEquals("vpc_flow", line.path("log_type").asText(), line.toString());
        }
    }
}
