package dev.streamwarden.launcher.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How large a job a stream needs, from its open shards and incoming rate: one reader per shard, processing sized to
 * the events per second one core handles with room to catch up, KPUs from the slots. The arithmetic is printed with
 * the answer.
 */
final class Sizing {
    /**
     * Events one core processes per second through the whole job, VPC flow logs (the heaviest common type): the
     * figure measured for issue 12's baseline (~31,000 per CPU-second, BENCHMARKS.md when it lands), rounded down.
     */
    static final long EVENTS_PER_CORE_SECOND = 30_000;
    /** Half busy at the measured rate: the other half catches up after a restart or a burst (lag back to zero). */
    static final double HEADROOM = 2.0;
    /** Kinesis per-shard write limits. */
    static final double SHARD_RECORDS_PER_SECOND = 1_000;

    static final double SHARD_BYTES_PER_SECOND = 1 << 20;
    /** A shard is hot above this share of a shard's write limit, or above twice the mean of its stream. */
    static final double HOT_SHARE_OF_LIMIT = 0.8;

    /** One shard's measured incoming rate. */
    static final class ShardRate {
        final String shardId;
        /** Still written to; a closed shard (a reshard's parent) counts for the rate only. */
        final boolean open;

        final double recordsPerSecond;
        final double bytesPerSecond;
        final double eventsPerSecond;

        ShardRate(String shardId, double recordsPerSecond, double bytesPerSecond, double eventsPerSecond) {
            this(shardId, true, recordsPerSecond, bytesPerSecond, eventsPerSecond);
        }

        ShardRate(
                String shardId, boolean open, double recordsPerSecond, double bytesPerSecond, double eventsPerSecond) {
            this.shardId = shardId;
            this.open = open;
            this.recordsPerSecond = recordsPerSecond;
            this.bytesPerSecond = bytesPerSecond;
            this.eventsPerSecond = eventsPerSecond;
        }
    }

    final int openShards;
    final double eventsPerSecond;
    final int sourceParallelism;
    final int parallelism;
    final int parallelismPerKpu;
    final int kpus;
    final List<String> hotShards;
    final List<String> arithmetic = new ArrayList<>();

    /**
     * {@code shards}: every shard that received records in the window, open or closed since (after a reshard in the
     * window, the parents' and the children's records together are the stream's rate).
     */
    Sizing(List<ShardRate> shards, Double givenEventsPerSecond, int parallelismPerKpu) {
        this.openShards = (int) shards.stream().filter(s -> s.open).count();
        double measured = shards.stream().mapToDouble(s -> s.eventsPerSecond).sum();
        this.eventsPerSecond = givenEventsPerSecond != null ? givenEventsPerSecond : measured;
        this.sourceParallelism = Math.max(1, openShards);
        int forEvents = (int) Math.ceil(eventsPerSecond * HEADROOM / EVENTS_PER_CORE_SECOND);
        this.parallelism = Math.max(sourceParallelism, forEvents);
        this.parallelismPerKpu = parallelismPerKpu;
        this.kpus = (int) Math.ceil((double) parallelism / parallelismPerKpu);
        this.hotShards = hot(shards);
        arithmetic.add(String.format(
                Locale.ROOT, "source parallelism = open shards = %d (one reader per shard)", sourceParallelism));
        arithmetic.add(String.format(
                Locale.ROOT,
                "processing for events = ceil(%.1f events/s (%s) x %.0f headroom / %d events per core-second) = %d",
                eventsPerSecond,
                givenEventsPerSecond != null ? "given" : "measured",
                HEADROOM,
                EVENTS_PER_CORE_SECOND,
                forEvents));
        arithmetic.add(String.format(
                Locale.ROOT,
                "parallelism = max(source parallelism %d, %d) = %d (each reader needs a slot)",
                sourceParallelism,
                forEvents,
                parallelism));
        arithmetic.add(
                String.format(Locale.ROOT, "KPUs = ceil(%d / %d per KPU) = %d", parallelism, parallelismPerKpu, kpus));
    }

    private static List<String> hot(List<ShardRate> all) {
        List<ShardRate> shards = new ArrayList<>();
        all.stream().filter(s -> s.open).forEach(shards::add);
        double meanRecords =
                shards.stream().mapToDouble(s -> s.recordsPerSecond).average().orElse(0);
        List<String> hot = new ArrayList<>();
        for (ShardRate shard : shards) {
            boolean nearLimit = shard.recordsPerSecond > HOT_SHARE_OF_LIMIT * SHARD_RECORDS_PER_SECOND
                    || shard.bytesPerSecond > HOT_SHARE_OF_LIMIT * SHARD_BYTES_PER_SECOND;
            // Twice the mean matters once there is traffic to speak of (1 record/s).
            boolean skewed =
                    shards.size() > 1 && shard.recordsPerSecond >= 1 && shard.recordsPerSecond > 2 * meanRecords;
            if (nearLimit || skewed) {
                hot.add(shard.shardId);
            }
        }
        return hot;
    }
}
