package dev.streamwarden.job.classify;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The classify + normalize stage: typed, normalized events out, or a dead letter naming the closest miss. Counts
 * per log type: events parsed, events failed (against the closest candidate) and bytes.
 */
public class ClassifyEvents extends ProcessFunction<RawEvent, Event> {
    private static final long serialVersionUID = 1L;

    private final Classifier classifier;

    private transient Tally.Family eventsPerLogType;
    private transient Tally.Family bytesPerLogType;
    private transient Tally.Family failedPerLogType;
    private transient Tally headerLines;
    private transient Tally deadLetters;

    public ClassifyEvents(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void open(OpenContext openContext) {
        eventsPerLogType = new Tally.Family(getRuntimeContext(), "events");
        bytesPerLogType = new Tally.Family(getRuntimeContext(), "bytes");
        failedPerLogType = new Tally.Family(getRuntimeContext(), "classify_failed");
        headerLines = Tally.of(getRuntimeContext(), "header_lines");
        deadLetters = Tally.of(getRuntimeContext(), "dead_letters.classify");
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<Event> out) {
        ParseResult result = classifier.classify(raw);
        if (result.matched()) {
            if (result.events().isEmpty()) {
                headerLines.inc();
            }
            for (Event event : result.events()) {
                eventsPerLogType.get(event.logType).inc();
                bytesPerLogType.get(event.logType).inc(raw.payload.length());
                out.collect(event);
            }
        } else {
            deadLetters.inc();
            failedPerLogType.get(result.closestLogType() == null ? "unknown" : result.closestLogType()).inc();
            ctx.output(DeadLetter.TAG, DeadLetter.of("classify", result.miss(), raw.source, raw.origin,
                    raw.sequenceNumber, raw.arrivalTime, raw.payload.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
