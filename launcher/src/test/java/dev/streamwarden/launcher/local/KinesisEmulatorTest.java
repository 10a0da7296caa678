package dev.streamwarden.launcher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Writes through {@link KinesisWriter} into the real emulator and reads every shard back with {@link KinesisReader}.
 * The reader runs on a {@link ManualPollClock}: its quiet period passes in its pauses, not on the wall clock.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES) // an emulator that stops answering must fail the build, not hang it
class KinesisEmulatorTest {

    private static final int RECORDS = 1_200;

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @Test
    void writtenRecordsComeBackExactlyOnceFromBothShards() throws Exception {
        String stream = "emulator-test";
        KinesisWriter writer = new KinesisWriter(KINESIS.client());
        writer.createStream(stream, 2);

        List<byte[]> payloads = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            payloads.add(("event-" + i).getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(RECORDS, writer.putAll(stream, payloads));

        List<String> read = new ArrayList<>();
        Map<String, Integer> perShard = new HashMap<>();
        // A limit above what was written: only being caught up and quiet ends the read.
        int readCount = new KinesisReader(KINESIS.client(), new ManualPollClock())
                .read(stream, ShardIteratorType.TRIM_HORIZON, null, RECORDS + 1, Duration.ofMillis(500), record -> {
                    read.add(new String(record.data, StandardCharsets.UTF_8));
                    perShard.merge(record.envelope.origin, 1, Integer::sum);
                });

        assertEquals(RECORDS, readCount, "stops once caught up and quiet");
        assertEquals(2, perShard.size(), "both shards read: " + perShard);
        assertEquals(RECORDS, read.size(), "records read (duplicates would inflate this)");
        Set<String> expected = new HashSet<>();
        payloads.forEach(p -> expected.add(new String(p, StandardCharsets.UTF_8)));
        assertEquals(expected, new HashSet<>(read), "every payload read back");
        // Random partition keys: each of the 2 shards gets roughly half; both must get some.
        perShard.forEach((shard, count) -> assertTrue(count > 0, shard + " received no records: " + perShard));
    }

    @Test
    void theQuietPeriodCountsFromTheLastRecord() throws Exception {
        String stream = "quiet-test";
        KinesisWriter writer = new KinesisWriter(KINESIS.client());
        writer.createStream(stream, 2);
        ManualPollClock clock = new ManualPollClock();
        clock.at(Duration.ofSeconds(1), () -> writer.putAll(stream, List.of("late".getBytes(StandardCharsets.UTF_8))));
        List<Duration> readAt = new ArrayList<>();

        int readCount = new KinesisReader(KINESIS.client(), clock)
                .read(
                        stream,
                        ShardIteratorType.LATEST,
                        null,
                        10,
                        Duration.ofSeconds(2),
                        record -> readAt.add(clock.elapsed()));

        assertEquals(1, readCount);
        assertEquals(List.of(Duration.ofSeconds(1)), readAt, "read in the first poll after it arrived");
        assertEquals(Duration.ofSeconds(3), clock.elapsed(), "returned once 2 s passed with nothing new after it");
    }
}
