package dev.streamwarden.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.config.Durations;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * {@code sizing --stream S [--endpoint URL] [--region R] [--events-per-second N] [--window D] [--parallelism-per-kpu
 * N] [--json]}: the open shards, each one's incoming rate over the last window (read from the stream: records,
 * bytes, and events as the job unpacks them), and the job size that follows ({@link Sizing}), with its arithmetic.
 */
final class SizingCommand {
    private static final int MAX_RECORDS_PER_CALL = 10_000;
    /** Kinesis allows 5 GetRecords per second per shard, shared by every consumer: stay well under. */
    private static final long PAUSE_MILLIS = 250;

    private final PrintStream out;
    private final Clock clock;

    SizingCommand(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    int run(List<String> argv) throws Exception {
        Args args = Args.parse(
                argv,
                Set.of("stream", "endpoint", "region", "events-per-second", "window", "parallelism-per-kpu"),
                Set.of("json"));
        String stream = args.get("stream", null);
        if (stream == null) {
            throw new Args.UsageException("sizing needs --stream NAME");
        }
        Double given = args.options.containsKey("events-per-second")
                ? Args.positive(args.get("events-per-second", null), "--events-per-second")
                : null;
        Duration window = Durations.parse("--window", args.get("window", "60s"));
        int perKpu = (int) Args.positive(args.get("parallelism-per-kpu", "1"), "--parallelism-per-kpu");
        if (perKpu > 8) {
            throw new Args.UsageException("--parallelism-per-kpu is 1 to 8 on Managed Flink");
        }
        List<Sizing.ShardRate> rates = new ArrayList<>();
        try (KinesisClient client = KinesisClients.of(args)) {
            Instant end = clock.instant();
            Instant start = end.minus(window);
            for (Shard shard : shards(client, stream)) {
                // A closed shard (parent of a reshard) read from the window's start still has its part of the rate.
                rates.add(measure(
                        client,
                        stream,
                        shard.shardId(),
                        shard.sequenceNumberRange().endingSequenceNumber() == null,
                        start,
                        end,
                        window));
            }
        }
        Sizing sizing = new Sizing(rates, given, perKpu);
        if (args.options.containsKey("json")) {
            out.println(json(stream, window, rates, sizing));
        } else {
            print(stream, window, rates, sizing);
        }
        return 0;
    }

    /** Every shard the stream still keeps records of (a closed one, parent of a reshard, has an ending number). */
    private static List<Shard> shards(KinesisClient client, String stream) {
        List<Shard> shards = new ArrayList<>();
        ListShardsResponse page = client.listShards(b -> b.streamName(stream));
        while (true) {
            shards.addAll(page.shards());
            if (page.nextToken() == null) {
                return shards;
            }
            String token = page.nextToken();
            page = client.listShards(b -> b.nextToken(token));
        }
    }

    /** What arrived in the shard in [start, end), per second of the window. */
    private static Sizing.ShardRate measure(
            KinesisClient client,
            String stream,
            String shardId,
            boolean open,
            Instant start,
            Instant end,
            Duration window)
            throws InterruptedException {
        Unpacker unpacker = new Unpacker(UnpackLimits.defaults());
        EventCount events = new EventCount();
        long records = 0;
        long bytes = 0;
        String iterator = client.getShardIterator(b -> b.streamName(stream)
                        .shardId(shardId)
                        .shardIteratorType(ShardIteratorType.AT_TIMESTAMP)
                        .timestamp(start))
                .shardIterator();
        int throttled = 0;
        while (iterator != null) {
            GetRecordsResponse response;
            try {
                String current = iterator;
                response = client.getRecords(b -> b.shardIterator(current).limit(MAX_RECORDS_PER_CALL));
                throttled = 0;
            } catch (ProvisionedThroughputExceededException e) {
                long ceiling = Math.min(5_000, PAUSE_MILLIS << Math.min(throttled++, 10));
                Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
                continue;
            }
            boolean pastEnd = false;
            for (Record record : response.records()) {
                Instant arrival = record.approximateArrivalTimestamp();
                if (!arrival.isBefore(end)) {
                    pastEnd = true;
                    break;
                }
                if (arrival.isBefore(start)) {
                    continue;
                }
                records++;
                byte[] data = record.data().asByteArray();
                bytes += data.length + record.partitionKey().length();
                unpacker.unpack(
                        new RawRecord(stream, shardId, record.partitionKey(), record.sequenceNumber(), 0L, data),
                        events);
            }
            Long behind = response.millisBehindLatest();
            if (pastEnd || (behind != null && behind == 0 && response.records().isEmpty())) {
                break;
            }
            iterator = response.nextShardIterator();
            Thread.sleep(PAUSE_MILLIS);
        }
        double seconds = window.toMillis() / 1000.0;
        return new Sizing.ShardRate(shardId, open, records / seconds, bytes / seconds, events.count / seconds);
    }

    private void print(String stream, Duration window, List<Sizing.ShardRate> rates, Sizing sizing) {
        out.printf(
                Locale.ROOT,
                "%s: %d open shards, rates over the last %s%n",
                stream,
                sizing.openShards,
                Durations.format(window));
        out.printf(Locale.ROOT, "  %-24s %12s %12s %12s%n", "shard", "records/s", "KiB/s", "events/s");
        for (Sizing.ShardRate rate : rates) {
            out.printf(
                    Locale.ROOT,
                    "  %-24s %12.2f %12.2f %12.2f%s%n",
                    rate.shardId,
                    rate.recordsPerSecond,
                    rate.bytesPerSecond / 1024,
                    rate.eventsPerSecond,
                    rate.open ? (sizing.hotShards.contains(rate.shardId) ? "  HOT" : "") : "  (closed)");
        }
        sizing.arithmetic.forEach(line -> out.println("  " + line));
        out.printf(
                Locale.ROOT,
                "Recommended: --source-parallelism %d --parallelism %d --parallelism-per-kpu %d (%d KPU)%n",
                sizing.sourceParallelism,
                sizing.parallelism,
                sizing.parallelismPerKpu,
                sizing.kpus);
        if (!sizing.hotShards.isEmpty()) {
            out.println("Hot shards " + sizing.hotShards + ": near a shard's write limit (1 MB/s, 1,000 records/s) or "
                    + "over twice the mean; make the producers' partition keys random, or split these shards.");
        }
    }

    private static String json(String stream, Duration window, List<Sizing.ShardRate> rates, Sizing sizing) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("stream", stream);
        root.put("window_seconds", window.toMillis() / 1000.0);
        root.put("open_shards", sizing.openShards);
        root.put("events_per_second", sizing.eventsPerSecond);
        root.put("source_parallelism", sizing.sourceParallelism);
        root.put("parallelism", sizing.parallelism);
        root.put("parallelism_per_kpu", sizing.parallelismPerKpu);
        root.put("kpus", sizing.kpus);
        root.set("hot_shards", mapper.valueToTree(sizing.hotShards));
        ArrayNode shards = root.putArray("shards");
        for (Sizing.ShardRate rate : rates) {
            shards.addObject()
                    .put("shard_id", rate.shardId)
                    .put("open", rate.open)
                    .put("records_per_second", rate.recordsPerSecond)
                    .put("bytes_per_second", rate.bytesPerSecond)
                    .put("events_per_second", rate.eventsPerSecond);
        }
        root.set("arithmetic", mapper.valueToTree(sizing.arithmetic));
        return root.toString();
    }

    /** Counts the events the job would get from each record. */
    private static final class EventCount implements UnpackOutput {
        long count;

        @Override
        public void event(RawEvent event) {
            count++;
        }

        @Override
        public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {
            // not an event
        }

        @Override
        public void controlMessage() {
            // not an event
        }
    }
}
