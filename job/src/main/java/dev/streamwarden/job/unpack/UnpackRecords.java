package dev.streamwarden.job.unpack;

import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** The unpack stage: one record in, its events out; what cannot be unpacked goes to the dead-letter output. */
public class UnpackRecords extends ProcessFunction<RawRecord, RawEvent> {
    private static final long serialVersionUID = 1L;

    private final UnpackLimits limits;

    private transient Unpacker unpacker;
    private transient Tally.Family recordsIn;
    private transient Tally eventsOut;
    private transient Tally controlMessages;
    private transient Tally deadLetters;

    public UnpackRecords(UnpackLimits limits) {
        this.limits = limits;
    }

    @Override
    public void open(OpenContext openContext) {
        unpacker = new Unpacker(limits);
        recordsIn = new Tally.Family(getRuntimeContext(), "records");
        eventsOut = Tally.of(getRuntimeContext(), "events_unpacked");
        controlMessages = Tally.of(getRuntimeContext(), "control_messages");
        deadLetters = Tally.of(getRuntimeContext(), "dead_letters.unpack");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<RawEvent> out) {
        recordsIn.get(record.source).inc();
        unpacker.unpack(record, new UnpackOutput() {
            @Override
            public void event(RawEvent event) {
                eventsOut.inc();
                out.collect(event);
            }

            @Override
            public void deadLetter(String reason, byte[] data) {
                deadLetters.inc();
                ctx.output(DeadLetter.TAG, DeadLetter.of("unpack", reason, record, data));
            }

            @Override
            public void controlMessage() {
                controlMessages.inc();
            }
        });
    }
}
