package dev.streamwarden.job.model;

import dev.streamwarden.api.Envelope;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;

/** Input the pipeline could not use, kept with the reason and the original bytes so nothing is lost. */
public class DeadLetter {
    /**
     * What kind of problem a dead letter is: a short, stable name to count and alarm on (the reason says the rest,
     * with values, so it cannot be a metric name).
     */
    public enum Cause {
        EMPTY,
        TOO_LARGE,
        GZIP_BOMB,
        CORRUPT_GZIP,
        NOT_UTF8,
        MALFORMED_JSON,
        NOT_AN_EVENT,
        NO_LOG_TYPE,
        RULE_ERROR,
        /** Code failed on the data: a bug or an input nobody foresaw; the stage isolated it. */
        EXCEPTION;

        /** The name in outputs and metrics, e.g. "malformed_json". */
        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The side output every stage sends its dead letters to. */
    public static final OutputTag<DeadLetter> TAG =
            new OutputTag<>("dead-letter", TypeInformation.of(DeadLetter.class));

    /** The stage that gave up: unpack, classify, detect or deliver. */
    public String stage;
    /** The {@link Cause}'s code. */
    public String cause;

    public String reason;
    /** Where the unusable input came from. */
    public Envelope envelope;
    /** The smallest unit that failed (the whole record, or the one event inside it), as original bytes. */
    public byte[] data;

    public DeadLetter() {}

    public static DeadLetter of(String stage, Cause cause, String reason, Envelope envelope, byte[] data) {
        DeadLetter d = new DeadLetter();
        d.stage = stage;
        d.cause = cause.code();
        d.reason = reason;
        d.envelope = envelope;
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
        return Objects.equals(stage, d.stage)
                && Objects.equals(cause, d.cause)
                && Objects.equals(reason, d.reason)
                && Objects.equals(envelope, d.envelope)
                && java.util.Arrays.equals(data, d.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(stage, reason, envelope);
    }

    @Override
    public String toString() {
        return "DeadLetter{stage=" + stage + ", cause=" + cause + ", reason=" + reason + ", " + envelope + '}';
    }
}
