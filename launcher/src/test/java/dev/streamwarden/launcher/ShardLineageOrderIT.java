package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.source.Sources;
import dev.streamwarden.launcher.local.EmulatorExtension;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.SinkFunction;
import org.apache.flink.streaming.connectors.kinesis.config.ConsumerConfigConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;

/**
 * Kinesis keeps a partition key's records in order across a reshard only for a reader that finishes a parent shard
 * before it reads the parent's children; Flink's legacy Kinesis consumer starts every shard it discovers at once. A
 * backlog that spans a split and a merge (a job started behind the stream, a replay, a restore of an old savepoint)
 * is read here with the job's source, and every record's emission is stamped in the reading thread: each child shard's
 * first record must come after the last record of each of its parents — on another reader too — and after a
 * savepoint and restore the lineage still lets the children go on.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ShardLineageOrderIT {
    private static final String STREAM = "lineage-it";
    private static final int RECORDS_PER_PHASE = 150;

    @RegisterExtension
    static final EmulatorExtension KINESIS = new EmulatorExtension();

    @TempDir
    Path tmp;

    @Test
    void backlogAcrossASplitAndAMergeIsReadParentsFirstAndSurvivesARestore() throws Exception {
        KinesisClient kinesis = KINESIS.client();
        KinesisWriter writer = new KinesisWriter(kinesis);
        writer.createStream(STREAM, 2);
        writer.putAll(STREAM, records("before-split"));
        Resharding.splitInHalf(kinesis, STREAM, "shardId-000000000000");
        writer.putAll(STREAM, records("after-split"));
        Resharding.merge(kinesis, STREAM, "shardId-000000000002", "shardId-000000000003");
        writer.putAll(STREAM, records("after-merge"));
        Map<String, List<String>> parents = parentsOfEachShard(kinesis);
        assertEquals(
                Map.of(
                        "shardId-000000000002", List.of("shardId-000000000000"),
                        "shardId-000000000003", List.of("shardId-000000000000"),
                        "shardId-000000000004", List.of("shardId-000000000002", "shardId-000000000003")),
                parents,
                "the emulator's lineage");

        JobClient job = read(null);
        awaitEmitted(job, 3 * RECORDS_PER_PHASE);
        String savepoint = job.stopWithSavepoint(
                        false, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        List<Tuple3<String, String, Long>> first = new ArrayList<>(EMITTED);
        assertEquals(3 * RECORDS_PER_PHASE, first.size(), "records read");
        assertEquals(3 * RECORDS_PER_PHASE, distinctSequenceNumbers(first), "every record read once");
        Map<String, long[]> spans = emissionSpans(first);
        assertEquals(
                List.of(
                        "shardId-000000000000",
                        "shardId-000000000001",
                        "shardId-000000000002",
                        "shardId-000000000003",
                        "shardId-000000000004"),
                List.copyOf(spans.keySet()),
                "shards read");
        parents.forEach((child, ofChild) -> {
            for (String parent : ofChild) {
                assertTrue(
                        spans.get(child)[0] > spans.get(parent)[1],
                        child + " was read before its parent " + parent + " was finished: " + describe(spans));
            }
        });

        // After the restore the parents are finished in the savepoint; the children must not wait for them.
        writer.putAll(STREAM, records("after-restore"));
        JobClient resumed = read(savepoint);
        awaitEmitted(resumed, RECORDS_PER_PHASE);
        resumed.cancel().get(1, TimeUnit.MINUTES);
        List<Tuple3<String, String, Long>> second = new ArrayList<>(EMITTED);
        assertEquals(RECORDS_PER_PHASE, second.size(), "records read after the restore");
        Set<String> shardsAfterRestore = new HashSet<>();
        second.forEach(stamp -> shardsAfterRestore.add(stamp.f0));
        assertEquals(Set.of("shardId-000000000001", "shardId-000000000004"), shardsAfterRestore);
        List<Tuple3<String, String, Long>> all = new ArrayList<>(first);
        all.addAll(second);
        assertEquals(4 * RECORDS_PER_PHASE, distinctSequenceNumbers(all), "nothing read twice across the restore");
    }

    /**
     * Starts the job's Kinesis source, each record stamped with its shard, sequence number and the time it was
     * emitted, into {@link #EMITTED} (cleared first).
     */
    private JobClient read(String savepoint) throws Exception {
        EMITTED.clear();
        Configuration conf = new Configuration();
        conf.setString("parallelism.default", "2");
        conf.setString("restart-strategy.type", "none");
        if (savepoint != null) {
            conf.setString("execution.savepoint.path", savepoint);
        }
        Properties smallReads = new Properties();
        // Many small reads make a parent take many polls, so a child read beside it would show.
        smallReads.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_MAX, "10");
        smallReads.setProperty(ConsumerConfigConstants.SHARD_GETRECORDS_INTERVAL_MILLIS, "20");
        StreamwardenConfig config = KINESIS.reading(STREAM, 2)
                .consumerProperties(KinesisEmulator.consumerProperties())
                .consumerProperties(smallReads)
                .buildUnchecked();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        // Chained to the source: the stamp is taken in the thread that emits the record.
        Sources.from(env, config)
                .map(new EmissionStamp())
                .uid("emission-stamp")
                .setParallelism(2)
                // As in the job, a rebalance after the source: the readers form one failover region.
                .rebalance()
                .addSink(new Remember())
                .uid("remember")
                .setParallelism(2);
        return env.executeAsync("lineage-it");
    }

    /** What the running job emitted (the MiniCluster runs in this JVM). */
    private static final Queue<Tuple3<String, String, Long>> EMITTED = new ConcurrentLinkedQueue<>();

    /** Waits (bounded by the test's timeout) until {@code count} records were emitted; fails if the job ends first. */
    private static void awaitEmitted(JobClient job, int count) throws Exception {
        while (EMITTED.size() < count) {
            JobStatus status = job.getJobStatus().get(1, TimeUnit.MINUTES);
            assertFalse(
                    status.isTerminalState(), "the job ended (" + status + ") after " + EMITTED.size() + " records");
            Thread.sleep(100);
        }
    }

    private static final class Remember implements SinkFunction<Tuple3<String, String, Long>> {
        @Override
        public void invoke(Tuple3<String, String, Long> stamp, Context context) {
            EMITTED.add(stamp);
        }
    }

    private static final class EmissionStamp implements MapFunction<RawRecord, Tuple3<String, String, Long>> {
        @Override
        public Tuple3<String, String, Long> map(RawRecord record) {
            // One JVM (the MiniCluster): nanoTime is one monotonic clock for every reader thread.
            return Tuple3.of(record.envelope.origin, record.envelope.sequenceNumber, System.nanoTime());
        }
    }

    private static List<byte[]> records(String phase) {
        List<byte[]> records = new ArrayList<>();
        for (int i = 0; i < RECORDS_PER_PHASE; i++) {
            records.add((phase + " " + i).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    private static long distinctSequenceNumbers(List<Tuple3<String, String, Long>> stamps) {
        return stamps.stream().map(s -> s.f0 + "/" + s.f1).distinct().count();
    }

    /** Per shard: the first and the last emission time. */
    private static Map<String, long[]> emissionSpans(List<Tuple3<String, String, Long>> stamps) {
        Map<String, long[]> spans = new TreeMap<>();
        for (Tuple3<String, String, Long> stamp : stamps) {
            long[] span = spans.computeIfAbsent(stamp.f0, shard -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
            span[0] = Math.min(span[0], stamp.f2);
            span[1] = Math.max(span[1], stamp.f2);
        }
        return spans;
    }

    private static String describe(Map<String, long[]> spans) {
        long origin = spans.values().stream().mapToLong(s -> s[0]).min().orElse(0);
        StringBuilder text = new StringBuilder();
        spans.forEach((shard, span) -> text.append(String.format(
                "%n  %s read from %d ms to %d ms",
                shard, (span[0] - origin) / 1_000_000, (span[1] - origin) / 1_000_000)));
        return text.toString();
    }

    private static Map<String, List<String>> parentsOfEachShard(KinesisClient kinesis) {
        Map<String, List<String>> parents = new HashMap<>();
        for (Shard shard : kinesis.listShards(b -> b.streamName(STREAM)).shards()) {
            List<String> of = new ArrayList<>();
            if (shard.parentShardId() != null) {
                of.add(shard.parentShardId());
            }
            if (shard.adjacentParentShardId() != null) {
                of.add(shard.adjacentParentShardId());
            }
            if (!of.isEmpty()) {
                of.sort(null);
                parents.put(shard.shardId(), of);
            }
        }
        return parents;
    }
}
