package dev.streamwarden.launcher;

import dev.streamwarden.launcher.local.KinesisWriter;
import java.math.BigInteger;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.HashKeyRange;

/** The resharding ITs' changes to an emulator stream; each returns once the stream is ACTIVE again. */
final class Resharding {
    private Resharding() {}

    /** Splits {@code shard} into two children at the middle of its hash key range. */
    static void splitInHalf(KinesisClient kinesis, String stream, String shard) throws InterruptedException {
        HashKeyRange range = kinesis.describeStream(b -> b.streamName(stream)).streamDescription().shards().stream()
                .filter(s -> s.shardId().equals(shard))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(stream + " has no shard " + shard))
                .hashKeyRange();
        BigInteger middle = new BigInteger(range.startingHashKey())
                .add(new BigInteger(range.endingHashKey()))
                .add(BigInteger.ONE)
                .shiftRight(1);
        kinesis.splitShard(b -> b.streamName(stream).shardToSplit(shard).newStartingHashKey(middle.toString()));
        new KinesisWriter(kinesis).awaitActive(stream);
    }

    /** Merges two adjacent shards into one. */
    static void merge(KinesisClient kinesis, String stream, String shard, String adjacent) throws InterruptedException {
        kinesis.mergeShards(b -> b.streamName(stream).shardToMerge(shard).adjacentShardToMerge(adjacent));
        new KinesisWriter(kinesis).awaitActive(stream);
    }
}
