package dev.streamwarden.job.deadletter;

import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import org.apache.flink.api.common.functions.RuntimeContext;

/**
 * One stage's dead letters, counted per cause ({@code dead_letters.STAGE.CAUSE}); a stage's total is their sum (the
 * run summary adds them up, a CloudWatch alarm sums them with a SEARCH expression).
 */
public final class DeadLetterCounts {
    private final Tally.Family perCause;

    public DeadLetterCounts(RuntimeContext context, String stage) {
        this.perCause = new Tally.Family(context, "dead_letters." + stage);
    }

    /** Counts the dead letter and hands it back, for {@code ctx.output(TAG, counts.count(...))}. */
    public DeadLetter count(DeadLetter deadLetter) {
        perCause.get(deadLetter.cause).inc();
        return deadLetter;
    }
}
