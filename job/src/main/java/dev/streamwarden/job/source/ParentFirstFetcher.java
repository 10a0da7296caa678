package dev.streamwarden.job.source;

import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.AssignerWithPeriodicWatermarks;
import org.apache.flink.streaming.api.functions.source.SourceFunction.SourceContext;
import org.apache.flink.streaming.api.operators.StreamingRuntimeContext;
import org.apache.flink.streaming.connectors.kinesis.KinesisShardAssigner;
import org.apache.flink.streaming.connectors.kinesis.internals.KinesisDataFetcher;
import org.apache.flink.streaming.connectors.kinesis.internals.publisher.RecordPublisher;
import org.apache.flink.streaming.connectors.kinesis.model.SentinelSequenceNumber;
import org.apache.flink.streaming.connectors.kinesis.model.SequenceNumber;
import org.apache.flink.streaming.connectors.kinesis.model.StreamShardHandle;
import org.apache.flink.streaming.connectors.kinesis.proxy.KinesisProxy;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;
import org.apache.flink.streaming.connectors.kinesis.util.WatermarkTracker;

/**
 * The consumer's fetcher with every shard's reading gated on its parents ({@link ParentFirstRecordPublisher}). Which
 * shards are finished is shared by all readers of the job through the JobManager's global aggregates, since a child is
 * often assigned to another reader than its parent.
 */
final class ParentFirstFetcher<T> extends KinesisDataFetcher<T> {
    private final FinishedShards finished;
    private final ShardListing listing;

    ParentFirstFetcher(
            List<String> streams,
            SourceContext<T> sourceContext,
            RuntimeContext runtimeContext,
            Properties properties,
            KinesisDeserializationSchema<T> schema,
            KinesisShardAssigner shardAssigner,
            AssignerWithPeriodicWatermarks<T> watermarkAssigner,
            WatermarkTracker watermarkTracker) {
        super(
                streams,
                sourceContext,
                runtimeContext,
                properties,
                schema,
                shardAssigner,
                watermarkAssigner,
                watermarkTracker);
        this.finished = new FinishedShards(
                ((StreamingRuntimeContext) runtimeContext).getGlobalAggregateManager(),
                runtimeContext.getTaskInfo().getAttemptNumber());
        this.listing = new ShardListing(() -> KinesisProxy.create(properties));
    }

    @Override
    public void runFetcher() throws Exception {
        // Shards a restored snapshot holds as read to their end are never read again here: announce them, or their
        // children, possibly on another reader, would wait for them forever.
        Set<String> restoredFinished = getSubscribedShardsState().stream()
                .filter(state -> SentinelSequenceNumber.SENTINEL_SHARD_ENDING_SEQUENCE_NUM
                        .get()
                        .equals(state.getLastProcessedSequenceNum()))
                .map(state -> FinishedShards.key(state.getStreamShardHandle()))
                .collect(Collectors.toSet());
        finished.announce(restoredFinished);
        super.runFetcher();
    }

    @Override
    protected RecordPublisher createRecordPublisher(
            SequenceNumber start, Properties properties, MetricGroup metrics, StreamShardHandle shard)
            throws InterruptedException {
        // Created now, as the stock consumer does: a polling publisher takes its iterator here, when the shard is
        // found.
        // (An EFO publisher resolves its position when it first subscribes, after the wait; a polling iterator that
        // expires during a wait of over 5 minutes is taken again from the same position, as for any expired iterator.)
        return new ParentFirstRecordPublisher(
                super.createRecordPublisher(start, properties, metrics, shard), shard, finished, listing);
    }
}
