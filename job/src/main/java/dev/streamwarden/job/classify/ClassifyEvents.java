package dev.streamwarden.job.classify;

import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.deadletter.DeadLetterCounts;
import dev.streamwarden.job.deadletter.Isolation;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The classify + normalize stage: typed, normalized events out, or a dead letter naming the closest miss. Counts
 * per log type: events parsed, events failed (against the closest candidate), bytes, and values that did not type
 * per log type and field ({@code coercion_failed.TYPE.FIELD}). An exception on one event is that event's dead letter.
 */
public class ClassifyEvents extends ProcessFunction<RawEvent, Event> {
    private static final long serialVersionUID = 1L;
    private static final String STAGE = "classify";

    private final Classifier classifier;

    private transient Isolation<Event> isolation;
    private transient Tally.Family eventsPerLogType;
    private transient Tally.Family bytesPerLogType;
    private transient Tally.Family failedPerLogType;
    private transient Tally.Family coercionFailures;
    private transient Tally headerLines;
    private transient DeadLetterCounts deadLetters;

    public ClassifyEvents(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void open(OpenContext openContext) {
        isolation = new Isolation<>();
        eventsPerLogType = new Tally.Family(getRuntimeContext(), "events");
        bytesPerLogType = new Tally.Family(getRuntimeContext(), "bytes");
        failedPerLogType = new Tally.Family(getRuntimeContext(), "classify_failed");
        coercionFailures = new Tally.Family(getRuntimeContext(), "coercion_failed");
        headerLines = Tally.of(getRuntimeContext(), "header_lines");
        deadLetters = new DeadLetterCounts(getRuntimeContext(), STAGE);
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<Event> out) throws Exception {
        Throwable failure = isolation.run(events -> classify(raw, ctx, events), out);
        if (failure != null) {
            deadLetter(raw, DeadLetter.Cause.EXCEPTION, DeadLetter.reasonFor(failure), ctx);
        }
    }

    private void classify(RawEvent raw, Context ctx, Collector<Event> out) {
        ParseResult result = classifier.classify(raw);
        if (!result.matched()) {
            failedPerLogType.get(result.closestLogType() == null ? "unknown" : result.closestLogType()).inc();
            deadLetter(raw, result.cause(), result.miss(), ctx);
            return;
        }
        if (result.events().isEmpty()) {
            headerLines.inc();
        }
        for (Event event : result.events()) {
            eventsPerLogType.get(event.logType).inc();
            bytesPerLogType.get(event.logType).inc(raw.payload.length());
            if (event.coercionErrors != null) {
                for (CoercionError error : event.coercionErrors) {
                    coercionFailures.get(event.logType + "." + error.field).inc();
                }
            }
            out.collect(event);
        }
    }

    private void deadLetter(RawEvent raw, DeadLetter.Cause cause, String reason, Context ctx) {
        byte[] data = raw.payload == null ? new byte[0] : raw.payload.getBytes(StandardCharsets.UTF_8);
        ctx.output(DeadLetter.TAG, deadLetters.count(DeadLetter.of(STAGE, cause, reason, raw.source, raw.origin,
                raw.sequenceNumber, raw.arrivalTime, data)));
    }
}
