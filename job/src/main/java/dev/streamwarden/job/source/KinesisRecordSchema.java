package dev.streamwarden.job.source;

import dev.streamwarden.job.model.RawRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.connectors.kinesis.serialization.KinesisDeserializationSchema;

/** Keeps a Kinesis record whole (bytes plus stream, shard, sequence number); unpacking happens after rebalance. */
public class KinesisRecordSchema implements KinesisDeserializationSchema<RawRecord> {
    private static final long serialVersionUID = 1L;

    @Override
    public RawRecord deserialize(byte[] data, String partitionKey, String sequenceNumber,
            long approxArrivalTimestamp, String stream, String shardId) {
        return new RawRecord(stream, shardId, partitionKey, sequenceNumber, approxArrivalTimestamp, data);
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return TypeInformation.of(RawRecord.class);
    }
}
