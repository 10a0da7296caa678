package dev.streamwarden.job.classify;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/** The classify + normalize stage: a typed, normalized event out, or a dead letter naming the closest miss. */
public class ClassifyEvents extends ProcessFunction<RawEvent, Event> {
    private static final long serialVersionUID = 1L;

    private final Classifier classifier;

    private transient Tally.Family eventsPerLogType;
    private transient Tally deadLetters;

    public ClassifyEvents(Classifier classifier) {
        this.classifier = classifier;
    }

    @Override
    public void open(OpenContext openContext) {
        eventsPerLogType = new Tally.Family(getRuntimeContext(), "events");
        deadLetters = Tally.of(getRuntimeContext(), "dead_letters.classify");
    }

    @Override
    public void processElement(RawEvent raw, Context ctx, Collector<Event> out) {
        ParseResult result = classifier.classify(raw);
        if (result.matched()) {
            eventsPerLogType.get(result.event().logType).inc();
            out.collect(result.event());
        } else {
            deadLetters.inc();
            ctx.output(DeadLetter.TAG, DeadLetter.of("classify", result.miss(), raw.source, raw.origin,
                    raw.sequenceNumber, raw.arrivalTime, raw.payload.getBytes(StandardCharsets.UTF_8)));
        }
    }
}
