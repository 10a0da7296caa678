package dev.streamwarden.launcher.local;

import dev.streamwarden.job.model.RawRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * Reads what is in a stream, every shard, without a consumer application or checkpoints: the first step of
 * debugging. Polls each shard at most five times a second (Kinesis' GetRecords limit) and backs off with full
 * jitter when throttled, so it can run beside the job without starving it for long.
 */
public final class KinesisReader {
    private static final long POLL_MILLIS = 200;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final int MAX_RECORDS_PER_CALL = 10_000;

    private final KinesisClient client;
    private final PollClock clock;

    public KinesisReader(KinesisClient client) {
        this(client, PollClock.SYSTEM);
    }

    /** Measures the quiet period and pauses on {@code clock}. */
    public KinesisReader(KinesisClient client, PollClock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Hands each record to {@code records} until {@code limit} were read, or every shard is caught up and nothing
     * new arrived for {@code quiet}. {@code from} is LATEST, TRIM_HORIZON or AT_TIMESTAMP ({@code timestamp}).
     * Returns how many records were read.
     */
    public int read(
            String stream,
            ShardIteratorType from,
            Instant timestamp,
            int limit,
            Duration quiet,
            Consumer<RawRecord> records)
            throws InterruptedException {
        Map<String, String> iterators = new LinkedHashMap<>();
        for (Shard shard : shards(stream)) {
            iterators.put(
                    shard.shardId(),
                    client.getShardIterator(b -> b.streamName(stream)
                                    .shardId(shard.shardId())
                                    .shardIteratorType(from)
                                    .timestamp(timestamp))
                            .shardIterator());
        }
        int read = 0;
        int throttled = 0;
        long lastNews = clock.nanoTime();
        while (!iterators.isEmpty() && clock.nanoTime() - lastNews < quiet.toNanos()) {
            for (Map.Entry<String, String> shard : new ArrayList<>(iterators.entrySet())) {
                GetRecordsResponse response;
                int wanted = Math.min(MAX_RECORDS_PER_CALL, limit - read);
                try {
                    response = client.getRecords(
                            b -> b.shardIterator(shard.getValue()).limit(wanted));
                    throttled = 0;
                } catch (ProvisionedThroughputExceededException e) {
                    long ceiling = Math.min(MAX_BACKOFF_MILLIS, POLL_MILLIS << Math.min(throttled++, 10));
                    clock.pause(ThreadLocalRandom.current().nextLong(ceiling + 1));
                    continue;
                }
                for (Record record : response.records()) {
                    records.accept(new RawRecord(
                            stream,
                            shard.getKey(),
                            record.partitionKey(),
                            record.sequenceNumber(),
                            record.approximateArrivalTimestamp().toEpochMilli(),
                            record.data().asByteArray()));
                    if (++read == limit) {
                        return read;
                    }
                }
                Long behind = response.millisBehindLatest();
                if (!response.records().isEmpty() || (behind != null && behind > 0)) {
                    lastNews = clock.nanoTime();
                }
                if (response.nextShardIterator() == null) {
                    iterators.remove(shard.getKey()); // a closed shard, read to its end
                } else {
                    iterators.put(shard.getKey(), response.nextShardIterator());
                }
            }
            clock.pause(POLL_MILLIS);
        }
        return read;
    }

    private List<Shard> shards(String stream) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = client.listShards(b -> b.streamName(stream));
        shards.addAll(page.shards());
        while (page.nextToken() != null) {
            String token = page.nextToken();
            page = client.listShards(b -> b.nextToken(token));
            shards.addAll(page.shards());
        }
        return shards;
    }
}
