package dev.streamwarden.job.model;

import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Input the pipeline could not use, kept with the reason and the original bytes so nothing is lost. */
public class DeadLetter {
    /** The side output every stage sends its dead letters to. */
    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("dead-letter", TypeInformation.of(DeadLetter.class));

    /** The stage that gave up: unpack, classify, detect or deliver. */
    public String stage;
    public String reason;
    public String source;
    public String origin;
    public String sequenceNumber;
    public long arrivalTime;
    /** The smallest unit that failed (the whole record, or the one event inside it), as original bytes. */
    public byte[] data;

    public DeadLetter() {}

    public static DeadLetter of(String stage, String reason, RawRecord record, byte[] data) {
        return of(stage, reason, record.source, record.origin, record.sequenceNumber, record.arrivalTime, data);
    }

    public static DeadLetter of(String stage, String reason, String source, String origin, String sequenceNumber,
            long arrivalTime, byte[] data) {
        DeadLetter d = new DeadLetter();
        d.stage = stage;
        d.reason = reason;
        d.source = source;
        d.origin = origin;
        d.sequenceNumber = sequenceNumber;
        d.arrivalTime = arrivalTime;
        d.data = data;
        return d;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DeadLetter)) {
            return false;
        }
        DeadLetter d = (DeadLetter) o;
        return arrivalTime == d.arrivalTime
                && Objects.equals(stage, d.stage)
                && Objects.equals(reason, d.reason)
                && Objects.equals(source, d.source)
                && Objects.equals(origin, d.origin)
                && Objects.equals(sequenceNumber, d.sequenceNumber)
                && java.util.Arrays.equals(data, d.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, reason, source, origin, sequenceNumber, arrivalTime);
    }

    @Override
    public String toString() {
        return "DeadLetter{stage=" + stage + ", reason=" + reason + ", source=" + source + ", origin=" + origin
                + ", sequenceNumber=" + sequenceNumber + '}';
    }
}
