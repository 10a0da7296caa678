package dev.streamwarden.job.source;

import dev.streamwarden.job.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/**
 * Keeps a Kinesis record whole (bytes plus shard, sequence number, partition key, arrival time); unpacking happens
 * after rebalance. Every record carries the configured source name ({@code source.name}), which picks the log types
 * it is classified against ({@code sources.yaml}) and is part of every stateful key; the stream's own name is the
 * default.
 */
public class KinesisRecordSchema implements KinesisDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final String sourceName;

    /** {@code sourceName}: the logical source every record carries; null for the stream's name. */
    public KinesisRecordSchema(String sourceName) {
        this.sourceName = sourceName;
    }

    @Override
    public RawRecord deserialize(
            byte[] data,
            String partitionKey,
            String sequenceNumber,
            long approxArrivalTimestamp,
            String stream,
            String shardId) {
        return new RawRecord(
                sourceName == null ? stream : sourceName,
                shardId,
                partitionKey,
                sequenceNumber,
                approxArrivalTimestamp,
                data);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
