package dev.streamwarden.job.detect;

import dev.streamwarden.api.Envelope;
import dev.streamwarden.job.deadletter.DeadLetterCounts;
import dev.streamwarden.job.metrics.CloudWatchMetrics;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.Reasons;
import dev.streamwarden.job.model.RuleInput;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Meter;

/**
 * A rule that failed on one event, stateless or stateful alike: counted per rule ({@code rule_errors.RULE}) and a
 * dead letter naming the rule and why, with the event's record. Only that rule's verdict on that event is lost.
 */
final class RuleFailures {
    private static final String STAGE = "detect";

    private final Tally.Family errorsPerRule;
    private final DeadLetterCounts deadLetters;
    private final Meter perSecond;

    RuleFailures(RuntimeContext context) {
        this.errorsPerRule = new Tally.Family(context, "rule_errors");
        this.perSecond = CloudWatchMetrics.rate(context.getMetricGroup(), CloudWatchMetrics.RULE_ERRORS_PER_SECOND);
        this.deadLetters = new DeadLetterCounts(context, STAGE);
    }

    /** Counts the failure; the dead letter to emit. */
    DeadLetter failed(String rule, Throwable failure, Envelope envelope, String record) {
        errorsPerRule.get(rule).inc();
        perSecond.markEvent();
        return deadLetters.count(DeadLetter.of(
                STAGE,
                DeadLetter.Cause.RULE_ERROR,
                "rule " + rule + " failed: " + Reasons.of(failure),
                envelope,
                record == null ? new byte[0] : record.getBytes(StandardCharsets.UTF_8)));
    }

    /** Counts the failure of a stateful rule stage; the dead letter to emit. */
    DeadLetter failed(RuleInput input, Throwable failure) {
        return failed(input.rule, failure, input.envelope, input.record);
    }
}
