package dev.streamwarden.job.source;

import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.functions.AssignerWithPeriodicWatermarks;
import org.apache.flink.streaming.connectors.kinesis.FlinkKinesisConsumer;
import org.apache.flink.streaming.connectors.kinesis.internals.KinesisDataFetcher;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * Flink's Kinesis consumer, reading a shard only after each of its parents has been read to its end. Kinesis keeps a
 * partition key's records in order across a split or a merge only for readers that do so; the legacy consumer starts
 * every shard it discovers at once, so a backlog spanning a reshard (a job behind the stream, an AT_TIMESTAMP replay,
 * the restore of an old snapshot) mixes a key's old records with its new ones. FLINK-32218 fixed this only for the
 * new {@code KinesisStreamsSource}, which needs a newer connector than the one we can run.
 */
public final class ParentFirstKinesisConsumer<T> extends FlinkKinesisConsumer<T> {
    private static final long serialVersionUID = 1L;

    public ParentFirstKinesisConsumer(String stream, KinesisDeserializationSchema<T> schema, Properties properties) {
        super(stream, schema, properties);
    }

    @Override
    protected KinesisDataFetcher<T> createFetcher(
            List<String> streams,
            SourceContext<T> sourceContext,
            RuntimeContext runtimeContext,
            Properties properties,
            KinesisDeserializationSchema<T> schema) {
        return new ParentFirstFetcher<>(
                streams,
                sourceContext,
                runtimeContext,
                properties,
                schema,
                getShardAssigner(),
                getPeriodicWatermarkAssigner(),
                getWatermarkTracker());
    }

    /**
     * Refused: with a watermark assigner (and a watermark tracker) the consumer queues each shard's records and emits
     * them from another thread, so a parent could be announced finished while its last records still wait in the
     * queue. The job assigns watermarks after the source.
     */
    @Override
    public void setPeriodicWatermarkAssigner(AssignerWithPeriodicWatermarks<T> assigner) {
        throw new UnsupportedOperationException(
                "ParentFirstKinesisConsumer emits records in the reading thread; assign watermarks after the source");
    }
}
