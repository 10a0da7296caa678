package dev.streamwarden.job.model;

import java.util.Arrays;
import java.util.Objects;

/** One Kinesis record (or one replayed record) exactly as it arrived: bytes plus where they came from. */
public class RawRecord {
    /** The logical data source: the stream name, or the replay's source name. */
    public String source;
    /** Shard id, or replay file name. */
    public String origin;

    public String partitionKey;
    public String sequenceNumber;
    /** When Kinesis accepted the record, epoch ms. */
    public long arrivalTime;

    public byte[] data;

    public RawRecord() {}

    public RawRecord(
            String source, String origin, String partitionKey, String sequenceNumber, long arrivalTime, byte[] data) {
        this.source = source;
        this.origin = origin;
        this.partitionKey = partitionKey;
        this.sequenceNumber = sequenceNumber;
        this.arrivalTime = arrivalTime;
        this.data = data;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof RawRecord)) {
            return false;
        }
        RawRecord r = (RawRecord) o;
        return arrivalTime == r.arrivalTime
                && Objects.equals(source, r.source)
                && Objects.equals(origin, r.origin)
                && Objects.equals(partitionKey, r.partitionKey)
                && Objects.equals(sequenceNumber, r.sequenceNumber)
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, origin, sequenceNumber, arrivalTime) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawRecord{source=" + source + ", origin=" + origin + ", sequenceNumber=" + sequenceNumber + ", bytes="
                + (data == null ? 0 : data.length) + '}';
    }
}
