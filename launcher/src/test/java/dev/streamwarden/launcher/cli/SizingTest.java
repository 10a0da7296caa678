package dev.streamwarden.launcher.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SizingTest {
    @Test
    void readersPerShardProcessingPerEventsKpusPerSlots() {
        Sizing sizing = new Sizing(
                List.of(
                        new Sizing.ShardRate("shardId-0", 100, 100_000, 10_000),
                        new Sizing.ShardRate("shardId-1", 100, 100_000, 10_000),
                        new Sizing.ShardRate("shardId-2", 100, 900_000, 10_000),
                        new Sizing.ShardRate("shardId-3", 500, 100_000, 40_000)),
                null,
                2);

        assertEquals(4, sizing.sourceParallelism);
        assertEquals(70_000, sizing.eventsPerSecond);
        assertEquals(5, sizing.parallelism, "ceil(70,000 x 2 / 30,000) = 5 > 4 readers");
        assertEquals(3, sizing.kpus);
        // shardId-2 is near the 1 MiB/s write limit; shardId-3 writes over twice the mean record rate (200/s).
        assertEquals(List.of("shardId-2", "shardId-3"), sizing.hotShards);
        assertEquals(
                List.of(
                        "source parallelism = open shards = 4 (one reader per shard)",
                        "processing for events = ceil(70000.0 events/s (measured) x 2 headroom / 30000 events per "
                                + "core-second) = 5",
                        "parallelism = max(source parallelism 4, 5) = 5 (each reader needs a slot)",
                        "KPUs = ceil(5 / 2 per KPU) = 3"),
                sizing.arithmetic);
    }

    @Test
    void aReshardInTheWindowCountsTheParentsRecordsButNotTheParentAsAReader() {
        Sizing sizing = new Sizing(
                List.of(
                        new Sizing.ShardRate("shardId-0", false, 600, 60_000, 30_000),
                        new Sizing.ShardRate("shardId-1", 300, 30_000, 15_000),
                        new Sizing.ShardRate("shardId-2", 300, 30_000, 15_000)),
                null,
                1);

        assertEquals(2, sizing.openShards);
        assertEquals(2, sizing.sourceParallelism);
        assertEquals(60_000, sizing.eventsPerSecond, "the closed parent's records are part of the rate");
        assertEquals(4, sizing.parallelism, "ceil(60,000 x 2 / 30,000)");
        assertEquals(List.of(), sizing.hotShards, "a closed shard is not hot");
    }

    @Test
    void aQuietStreamStillGetsOneReaderPerShardAndAGivenRateWins() {
        List<Sizing.ShardRate> quiet =
                List.of(new Sizing.ShardRate("shardId-0", 0.5, 400, 0.5), new Sizing.ShardRate("shardId-1", 0, 0, 0));
        Sizing measured = new Sizing(quiet, null, 1);
        assertEquals(2, measured.parallelism);
        assertEquals(2, measured.kpus);
        assertEquals(List.of(), measured.hotShards, "below 1 record/s skew is noise");

        Sizing given = new Sizing(quiet, 100_000.0, 1);
        assertEquals(7, given.parallelism, "ceil(100,000 x 2 / 30,000)");
        assertEquals(7, given.kpus);
    }
}
