package dev.streamwarden.job.model;

import dev.streamwarden.api.Envelope;
import java.util.Arrays;
import java.util.Objects;

/** One Kinesis record (or one replayed record) exactly as it arrived: bytes plus where they came from. */
public class RawRecord {
    /** Source, shard (or replay file), sequence number and arrival time. */
    public Envelope envelope;

    public String partitionKey;

    public byte[] data;

    public RawRecord() {}

    public RawRecord(
            String source, String origin, String partitionKey, String sequenceNumber, long arrivalTime, byte[] data) {
        this.envelope = new Envelope(source, origin, sequenceNumber, arrivalTime);
        this.partitionKey = partitionKey;
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
        return Objects.equals(envelope, r.envelope)
                && Objects.equals(partitionKey, r.partitionKey)
                && Arrays.equals(data, r.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(envelope, partitionKey) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RawRecord{" + envelope + ", bytes=" + (data == null ? 0 : data.length) + '}';
    }
}
