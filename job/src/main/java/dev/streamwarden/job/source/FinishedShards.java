package dev.streamwarden.job.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.runtime.taskexecutor.GlobalAggregateManager;
import org.apache.flink.streaming.connectors.kinesis.model.StreamShardHandle;

/**
 * The shards this job's readers have read to their end, kept by the JobManager (a global aggregate) so that every
 * reader sees what the others finished.
 *
 * <p>One set per execution attempt: after a failover the readers restart from a checkpoint in which a shard announced
 * earlier may not be finished yet, so only what this attempt read or restored as finished counts. That needs every
 * source task to restart together and so share the attempt number: true for the job, where a rebalance follows the
 * source and makes the job one failover region. A job that wired this source with forward edges only, under region
 * failover, could see a child wait until its parent's reader restarted too.
 */
final class FinishedShards {
    private final GlobalAggregateManager aggregates;
    private final String name;

    FinishedShards(GlobalAggregateManager aggregates, int attempt) {
        this.aggregates = aggregates;
        this.name = "streamwarden.finished-shards.attempt-" + attempt;
    }

    static String key(StreamShardHandle shard) {
        return key(shard.getStreamName(), shard.getShard().getShardId());
    }

    static String key(String stream, String shardId) {
        return stream + "/" + shardId;
    }

    /** Adds {@code shards} (keys) to the finished ones and returns all finished ones. */
    Set<String> announce(Collection<String> shards) {
        try {
            return aggregates.updateGlobalAggregate(name, new HashSet<>(shards), new Union());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not reach the JobManager to share finished shards", e);
        }
    }

    Set<String> all() {
        return announce(Set.of());
    }

    /** Runs on the JobManager; returns a copy, since the accumulator stays there and keeps changing. */
    static final class Union implements AggregateFunction<HashSet<String>, HashSet<String>, HashSet<String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public HashSet<String> createAccumulator() {
            return new HashSet<>();
        }

        @Override
        public HashSet<String> add(HashSet<String> shards, HashSet<String> finished) {
            finished.addAll(shards);
            return finished;
        }

        @Override
        public HashSet<String> getResult(HashSet<String> finished) {
            return new HashSet<>(finished);
        }

        @Override
        public HashSet<String> merge(HashSet<String> a, HashSet<String> b) {
            a.addAll(b);
            return a;
        }
    }
}
