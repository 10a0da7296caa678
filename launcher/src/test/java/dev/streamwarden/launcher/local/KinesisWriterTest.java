package dev.streamwarden.launcher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;

/** KinesisWriter's batching and retries against scripted Kinesis HTTP answers (the emulator never throttles). */
class KinesisWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OK = "{\"FailedRecordCount\":0,\"Records\":[]}";

    private MockWebServer server;
    private KinesisClient client;
    private KinesisWriter writer;

    @BeforeEach
    void setUp() throws Exception {
        server = new MockWebServer();
        server.start();
        // The SDK fixes CBOR or JSON when a client is built; the stub speaks JSON.
        System.setProperty("aws.cborEnabled", "false");
        try {
            client = KinesisClient.builder()
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s")))
                    .endpointOverride(server.url("/").uri())
                    // Without SDK retries every scripted answer maps to one writer attempt.
                    .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                    .build();
        } finally {
            System.clearProperty("aws.cborEnabled");
        }
        writer = new KinesisWriter(client, 3, 1);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.close();
    }

    @Test
    void retriesOnlyTheFailedEntries() throws Exception {
        answer(
                200,
                "{\"FailedRecordCount\":2,\"Records\":["
                        + "{\"SequenceNumber\":\"1\",\"ShardId\":\"shardId-000000000000\"},"
                        + "{\"ErrorCode\":\"ProvisionedThroughputExceededException\",\"ErrorMessage\":\"Rate exceeded\"},"
                        + "{\"SequenceNumber\":\"2\",\"ShardId\":\"shardId-000000000001\"},"
                        + "{\"ErrorCode\":\"InternalFailure\",\"ErrorMessage\":\"oops\"}]}");
        answer(200, OK);

        assertEquals(4, writer.putAll("s", payloads("r0", "r1", "r2", "r3")));

        JsonNode first = takeRecords();
        JsonNode retry = takeRecords();
        assertEquals(List.of("r1", "r3"), data(retry));
        // The same entries are resent, so they keep their partition keys (and shards).
        assertEquals(first.get(1).get("PartitionKey"), retry.get(0).get("PartitionKey"));
        assertEquals(first.get(3).get("PartitionKey"), retry.get(1).get("PartitionKey"));
    }

    @Test
    void throttlingHalvesTheBatchAndCleanCallsGrowItByTen() throws Exception {
        // 1,000 records: the first call of 500 is half throttled, so its 250 are resent and the limit halves to
        // 250; the clean resend grows it to 260, the next clean call to 270.
        answer(200, resultOf(500, 250));
        answer(200, resultOf(250, 0));
        answer(200, resultOf(260, 0));
        answer(200, resultOf(240, 0));
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            records.add(("r" + i).getBytes(StandardCharsets.UTF_8));
        }

        assertEquals(1_000, writer.putAll("s", records));

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sizes.add(takeRecords().size());
        }
        assertEquals(List.of(500, 250, 260, 240), sizes);
        assertEquals(280, writer.batchLimit());
        assertEquals(1_000, writer.written());
        assertEquals(250, writer.throttledEntries());
        assertEquals(4, writer.calls());
        // resultOf spreads written entries over two shards alternately.
        assertEquals(Map.of("shardId-000000000000", 500L, "shardId-000000000001", 500L), writer.writtenPerShard());
    }

    @Test
    void aThrottledCallIsResentInCallsOfTheHalvedLimit() throws Exception {
        answer(400, "{\"__type\":\"LimitExceededException\",\"message\":\"slow down\"}");
        answer(200, resultOf(250, 0));
        answer(200, resultOf(250, 0));
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            records.add(("r" + i).getBytes(StandardCharsets.UTF_8));
        }

        assertEquals(500, writer.putAll("s", records));

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            sizes.add(takeRecords().size());
        }
        assertEquals(List.of(500, 250, 250), sizes);
        assertEquals(500, writer.written());
        assertEquals(500, writer.throttledEntries());
    }

    /** A PutRecords answer for {@code sent} entries whose first {@code throttled} are refused. */
    private static String resultOf(int sent, int throttled) {
        StringBuilder records = new StringBuilder();
        int written = 0;
        for (int i = 0; i < sent; i++) {
            records.append(i == 0 ? "" : ",");
            if (i < throttled) {
                records.append("{\"ErrorCode\":\"ProvisionedThroughputExceededException\",\"ErrorMessage\":\"x\"}");
            } else {
                records.append("{\"SequenceNumber\":\"")
                        .append(i)
                        .append("\",\"ShardId\":\"shardId-00000000000")
                        .append(written++ % 2)
                        .append("\"}");
            }
        }
        return "{\"FailedRecordCount\":" + throttled + ",\"Records\":[" + records + "]}";
    }

    @Test
    void retriesTheWholeCallWhenThrottled() throws Exception {
        answer(400, "{\"__type\":\"LimitExceededException\",\"message\":\"slow down\"}");
        answer(200, OK);

        assertEquals(2, writer.putAll("s", payloads("a", "b")));

        assertEquals(List.of("a", "b"), data(takeRecords()));
        assertEquals(List.of("a", "b"), data(takeRecords()));
    }

    @Test
    void givesUpAfterMaxAttemptsNamingTheErrorCodes() {
        String failed = "{\"FailedRecordCount\":1,\"Records\":[{\"ErrorCode\":"
                + "\"ProvisionedThroughputExceededException\",\"ErrorMessage\":\"Rate exceeded\"}]}";
        for (int i = 0; i < 3; i++) {
            answer(200, failed);
        }

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.putAll("s", payloads("a")));

        assertTrue(e.getMessage().contains("ProvisionedThroughputExceededException"), e.getMessage());
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void doesNotRetryOtherErrors() {
        answer(400, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"no stream\"}");

        assertThrows(ResourceNotFoundException.class, () -> writer.putAll("s", payloads("a")));
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void splitsCallsAtFiveHundredRecordsAndFiveMebibytes() throws Exception {
        List<byte[]> small = new ArrayList<>();
        for (int i = 0; i < 1_001; i++) {
            small.add(new byte[1]);
        }
        // 1 MiB - 100 bytes of data plus a 36-byte key: five fit in 5 MiB, six do not.
        List<byte[]> large = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            large.add(new byte[1024 * 1024 - 100]);
        }
        for (int i = 0; i < 6; i++) {
            answer(200, OK);
        }

        writer.putAll("s", small);
        writer.putAll("s", large);

        List<Integer> sizes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            sizes.add(takeRecords().size());
        }
        assertEquals(List.of(500, 500, 1, 5, 5, 2), sizes);
    }

    private void answer(int code, String body) {
        server.enqueue(new MockResponse.Builder()
                .code(code)
                .addHeader("Content-Type", "application/x-amz-json-1.1")
                .body(body)
                .build());
    }

    private JsonNode takeRecords() throws Exception {
        RecordedRequest request = server.takeRequest(); // putAll returned: its requests are all recorded
        assertEquals("Kinesis_20131202.PutRecords", request.getHeaders().get("X-Amz-Target"));
        return JSON.readTree(request.getBody().utf8()).get("Records");
    }

    private static List<String> data(JsonNode records) {
        List<String> data = new ArrayList<>();
        records.forEach(r ->
                data.add(new String(Base64.getDecoder().decode(r.get("Data").asText()), StandardCharsets.UTF_8)));
        return data;
    }

    private static List<byte[]> payloads(String... values) {
        List<byte[]> payloads = new ArrayList<>();
        for (String v : values) {
            payloads.add(v.getBytes(StandardCharsets.UTF_8));
        }
        return payloads;
    }
}
