package dev.streamwarden.job.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Writes through {@link KinesisWriter} into the real emulator and reads every shard back with {@link KinesisReader}. */
class KinesisEmulatorTest {

    private static final int RECORDS = 1_200;

    private static KinesisEmulator emulator;
    private static KinesisClient client;

    @BeforeAll
    static void startEmulator() throws Exception {
        // Under target/ so the npm install is reused by later test runs (until mvn clean).
        emulator = KinesisEmulator.start(Paths.get("target", "kinesis-local"));
        client = KinesisEmulator.client(emulator.endpoint());
    }

    @AfterAll
    static void stopEmulator() {
        if (client != null) {
            client.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @Timeout(30) // an emulator that stops answering must fail the build, not hang it
    void writtenRecordsComeBackExactlyOnceFromBothShards() throws Exception {
        String stream = "emulator-test";
        KinesisWriter writer = new KinesisWriter(client);
        writer.createStream(stream, 2);

        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            payloads.add(("event-" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(RECORDS, writer.putAll(stream, payloads));

        List<String> read = new ArrayList<>();
        Map<String, Integer> perShard = new HashMap<>();
        long started = System.nanoTime();
        int readCount = new KinesisReader(client).read(stream, ShardIteratorType.TRIM_HORIZON, null, RECORDS + 1,
                Duration.ofMillis(500), record -> {
                    read.add(new String(record.data, StandardCharsets.UTF_8));
                    perShard.merge(record.origin, 1, Integer::sum);
                });
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals(RECORDS, readCount);
        assertEquals(2, perShard.size(), "both shards read: " + perShard);
        assertTrue(tookMillis < 10_000, "stops once caught up and quiet, took " + tookMillis + " ms");
        assertEquals(RECORDS, read.size(), "records read (duplicates would inflate this)");
        Set<String> expected = new HashSet<>();
        payloads.forEach(p -> expected.add(new String(p, StandardCharsets.UTF_8)));
        assertEquals(expected, new HashSet<>(read), "every payload read back");
        // Random partition keys: each of the 2 shards gets roughly half; both must get some.
        perShard.forEach((shard, count) -> assertTrue(count > 0, shard + " received no records: " + perShard));
    }
}
