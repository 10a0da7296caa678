package dev.streamwarden.job.deadletter;

import dev.streamwarden.job.metrics.CloudWatchMetrics;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Meter;

/**
 * One stage's dead letters, counted per cause ({@code dead_letters.STAGE.CAUSE}); a stage's total is their sum (the
 * run summary adds them up). Every dead letter also marks the stage's deadLettersPerSecond rate, which reaches
 * CloudWatch on Managed Flink (CloudWatchMetrics).
 */
public final class DeadLetterCounts {
    private final Tally.Family perCause;
    private final Meter perSecond;

    public DeadLetterCounts(RuntimeContext context, String stage) {
        this.perCause = new Tally.Family(context, "dead_letters." + stage);
        this.perSecond = CloudWatchMetrics.rate(context.getMetricGroup(), CloudWatchMetrics.DEAD_LETTERS_PER_SECOND);
    }

    /** Counts the dead letter and hands it back, for {@code ctx.output(TAG, counts.count(...))}. */
    public DeadLetter count(DeadLetter deadLetter) {
        perCause.get(deadLetter.cause).inc();
        perSecond.markEvent();
        return deadLetter;
    }
}
