package dev.streamwarden.job.unpack;

import dev.streamwarden.job.deadletter.DeadLetterCounts;
import dev.streamwarden.job.deadletter.Isolation;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.Reasons;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The unpack stage: one record in, its events out; what cannot be unpacked goes to the dead-letter output. No record
 * can fail the stage: whatever the unpacker throws on one becomes that record's dead letter (the unpacker isolates
 * each line and log event itself, so this is for the record as a whole).
 */
public class UnpackRecords extends ProcessFunction<RawRecord, RawEvent> {
    private static final long serialVersionUID = 1L;
    private static final String STAGE = "unpack";

    private final UnpackLimits limits;

    private transient Unpacker unpacker;
    private transient Isolation<RawEvent> isolation;
    private transient Tally.Family recordsIn;
    private transient Tally eventsOut;
    private transient Tally controlMessages;
    private transient DeadLetterCounts deadLetters;

    public UnpackRecords(UnpackLimits limits) {
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        unpacker = new Unpacker(limits);
        isolation = new Isolation<>();
        recordsIn = new Tally.Family(getRuntimeContext(), "records");
        eventsOut = Tally.of(getRuntimeContext(), "events_unpacked");
        controlMessages = Tally.of(getRuntimeContext(), "control_messages");
        deadLetters = new DeadLetterCounts(getRuntimeContext(), STAGE);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<RawEvent> out) throws Exception {
        recordsIn.get(String.valueOf(record.envelope.source)).inc();
        Throwable failure = isolation.run(
                (events, unusable) -> unpacker.unpack(record, new UnpackOutput() {
                    @Override
                    public void event(RawEvent event) {
                        eventsOut.inc();
                        events.collect(event);
                    }

                    @Override
                    public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {
                        unusable.accept(DeadLetter.of(STAGE, cause, reason, record.envelope, data));
                    }

                    @Override
                    public void controlMessage() {
                        controlMessages.inc();
                    }
                }),
                out,
                deadLetter -> ctx.output(DeadLetter.TAG, deadLetters.count(deadLetter)));
        if (failure != null) {
            ctx.output(
                    DeadLetter.TAG,
                    deadLetters.count(DeadLetter.of(
                            STAGE,
                            DeadLetter.Cause.EXCEPTION,
                            Reasons.of(failure),
                            record.envelope,
                            record.data == null ? new byte[0] : record.data)));
        }
    }
}
