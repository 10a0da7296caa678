package dev.streamwarden.api;

import java.util.Objects;

/**
 * Where an event came from: the record that carried it (source, shard, sequence number, arrival) and, for events that
 * came through CloudWatch Logs, the log group, stream and owning account. One type for the record, the events
 * unpacked from it, the classified event, a stateful rule's input and a dead letter.
 *
 * <p>The events of one record share one instance: it is never changed once the record is unpacked (a CloudWatch
 * Logs payload gets its own copy, {@link #withLogs}).
 */
public class Envelope {
    /** The logical data source: the Kinesis stream name, or the replay's source name. */
    public String source;
    /** Where the carrying record came from: shard id, or replay file name. */
    public String origin;

    public String sequenceNumber;
    /** When Kinesis accepted the carrying record, epoch ms. */
    public long arrivalTime;
    /** CloudWatch Logs envelope, null for events that did not come through CloudWatch Logs. */
    public String logGroup;

    public String logStream;
    /** The AWS account that owns the log group. */
    public String owner;

    public Envelope() {}

    public Envelope(String source, String origin, String sequenceNumber, long arrivalTime) {
        this.source = source;
        this.origin = origin;
        this.sequenceNumber = sequenceNumber;
        this.arrivalTime = arrivalTime;
    }

    /** This record's envelope with a CloudWatch Logs payload's group, stream and owner (a new instance). */
    public Envelope withLogs(String logGroup, String logStream, String owner) {
        Envelope e = new Envelope(source, origin, sequenceNumber, arrivalTime);
        e.logGroup = logGroup;
        e.logStream = logStream;
        e.owner = owner;
        return e;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Envelope)) {
            return false;
        }
        Envelope e = (Envelope) o;
        return arrivalTime == e.arrivalTime
                && Objects.equals(source, e.source)
                && Objects.equals(origin, e.origin)
                && Objects.equals(sequenceNumber, e.sequenceNumber)
                && Objects.equals(logGroup, e.logGroup)
                && Objects.equals(logStream, e.logStream)
                && Objects.equals(owner, e.owner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, origin, sequenceNumber, arrivalTime);
    }

    @Override
    public String toString() {
        return "source=" + source + ", origin=" + origin + ", sequenceNumber=" + sequenceNumber
                + (logGroup == null ? "" : ", logGroup=" + logGroup);
    }
}
