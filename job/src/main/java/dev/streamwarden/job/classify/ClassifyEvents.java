package dev.streamwarden.job.classify;

import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.schema.RejectedRecord;
import dev.streamwarden.job.deadletter.DeadLetterCounts;
import dev.streamwarden.job.deadletter.Isolation;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.Reasons;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
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
        Throwable failure = isolation.run(
                (events, unusable) -> classify(raw, events, unusable),
                out,
                deadLetter -> ctx.output(DeadLetter.TAG, deadLetters.count(deadLetter)));
        if (failure != null) {
            ctx.output(
                    DeadLetter.TAG,
                    deadLetters.count(deadLetter(raw, DeadLetter.Cause.EXCEPTION, Reasons.of(failure), raw.payload)));
        }
    }

    private void classify(RawEvent raw, Collector<Event> out, Consumer<DeadLetter> unusable) {
        ParseResult result = classifier.classify(raw);
        if (!result.matched()) {
            failedPerLogType
                    .get(result.closestLogType() == null ? "unknown" : result.closestLogType())
                    .inc();
            unusable.accept(deadLetter(raw, result.cause(), result.miss(), raw.payload));
            return;
        }
        for (RejectedRecord rejected : result.rejected()) {
            // A batch element unlike its siblings: its own dead letter; the siblings are events.
            failedPerLogType.get(result.events().get(0).logType).inc();
            unusable.accept(deadLetter(raw, DeadLetter.Cause.NO_LOG_TYPE, rejected.reason, rejected.text));
        }
        if (result.events().isEmpty()) {
            headerLines.inc();
        } else {
            // The raw event's size once, however many events it held (a map of arrays makes several).
            bytesPerLogType.get(result.events().get(0).logType).inc(raw.payload.length());
        }
        for (Event event : result.events()) {
            eventsPerLogType.get(event.logType).inc();
            if (event.coercionErrors != null) {
                for (CoercionError error : event.coercionErrors) {
                    coercionFailures.get(event.logType + "." + error.field).inc();
                }
            }
            out.collect(event);
        }
    }

    private static DeadLetter deadLetter(RawEvent raw, DeadLetter.Cause cause, String reason, String text) {
        byte[] data = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        return DeadLetter.of(STAGE, cause, reason, raw.envelope, data);
    }
}
