package dev.streamwarden.job.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
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
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** Writes through {@link KinesisWriter} into the real emulator and reads every shard back. */
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
        List<Shard> shards = client.listShards(b -> b.streamName(stream)).shards();
        assertEquals(2, shards.size());
        for (Shard shard : shards) {
            List<String> fromShard = readShard(stream, shard.shardId());
            perShard.put(shard.shardId(), fromShard.size());
            read.addAll(fromShard);
        }

        assertEquals(RECORDS, read.size(), "records read (duplicates would inflate this)");
        Set<String> expected = new HashSet<>();
        payloads.forEach(p -> expected.add(new String(p, StandardCharsets.UTF_8)));
        assertEquals(expected, new HashSet<>(read), "every payload read back");
        // Random partition keys: each of the 2 shards gets roughly half; both must get some.
        perShard.forEach((shard, count) -> assertTrue(count > 0, shard + " received no records: " + perShard));
    }

    /** Reads a shard from its oldest record until caught up with its tip. */
    private static List<String> readShard(String stream, String shardId) {
        String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        List<String> payloads = new ArrayList<>();
        for (int call = 0; call < 100; call++) {
            String current = iterator;
            GetRecordsResponse response = client.getRecords(b -> b.shardIterator(current));
            for (Record record : response.records()) {
                payloads.add(record.data().asUtf8String());
            }
            // An empty page at the tip means everything written has been read; no iterator, a closed shard's end.
            boolean atTip = response.records().isEmpty() && Long.valueOf(0).equals(response.millisBehindLatest());
            iterator = response.nextShardIterator();
            if (atTip || iterator == null) {
                return payloads;
            }
        }
        throw new AssertionError("shard " + shardId + " not read to its tip; got " + payloads.size());
    }
}
