package dev.streamwarden.job.detect;

import dev.streamwarden.api.Rule;
import dev.streamwarden.api.SequenceRule;
import dev.streamwarden.job.deadletter.Isolation;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RuleInput;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sequence rules on keyed, checkpointed state, keyed by (rule, source, key): remembers the latest first step and
 * alerts when a second step follows within the rule's time, once per first step. Events arrive out of order
 * (shards lag, trail files batch), so second steps that came before any first step wait too (the latest
 * {@value #MAX_PENDING}) and a first step that arrives later matches them. An event that is both (a login after a
 * login) is checked as a second step before it becomes the new first step. Whether steps match depends only on
 * their event times; processing-time timers forget steps after the rule's time plus the allowed out-of-orderness
 * (as in {@link WindowCount}, so results never depend on when watermarks advance). TTL is the backstop.
 */
public class SequenceMatch extends KeyedProcessFunction<String, RuleInput, Alert> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_PENDING = 10;

    private final List<Rule> rules;
    private final Duration outOfOrderness;
    private final Duration stateTtl;

    private transient Map<String, SequenceRule> rulesByName;
    /** The latest first step, waiting for a second (state "start"). */
    private transient ValueState<PendingStep> waitingFirstStep;
    /** Second steps that came before a first step they could follow (state "pending-then"). */
    private transient ListState<PendingStep> earlySecondSteps;

    private transient Tally.Family alertsPerRule;
    private transient Isolation<Alert> isolation;
    private transient RuleFailures ruleFailures;

    public SequenceMatch(List<Rule> rules, Duration outOfOrderness, Duration stateTtl) {
        this.rules = rules;
        this.outOfOrderness = outOfOrderness;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        rulesByName = RulesByName.of(rules, SequenceRule.class);
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
        ValueStateDescriptor<PendingStep> startDescriptor = new ValueStateDescriptor<>("start", PendingStep.class);
        startDescriptor.enableTimeToLive(ttl);
        waitingFirstStep = getRuntimeContext().getState(startDescriptor);
        ListStateDescriptor<PendingStep> pendingDescriptor =
                new ListStateDescriptor<>("pending-then", PendingStep.class);
        pendingDescriptor.enableTimeToLive(ttl);
        earlySecondSteps = getRuntimeContext().getListState(pendingDescriptor);
        alertsPerRule = new Tally.Family(getRuntimeContext(), "alerts");
        isolation = new Isolation<>();
        ruleFailures = new RuleFailures(getRuntimeContext());
    }

    @Override
    public void processElement(RuleInput input, Context ctx, Collector<Alert> out) throws Exception {
        Throwable failure = isolation.run(
                (alerts, none) -> match(input, ctx, alerts), out, deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
        if (failure != null) {
            ctx.output(DeadLetter.TAG, ruleFailures.failed(input, failure));
        }
    }

    private void match(RuleInput input, Context ctx, Collector<Alert> out) throws Exception {
        SequenceRule rule = rulesByName.get(input.rule);
        long within = rule.within().toMillis();
        boolean isThen = input.secondStep;
        PendingStep first = waitingFirstStep.value();
        if (isThen && first != null && follows(rule, first, input.eventTime, input.value)) {
            fire(rule, input, first, input.eventTime, input.record, out);
            waitingFirstStep.clear();
            isThen = false;
            first = null;
        }
        if (input.firstStep) {
            PendingStep next = step(input, ctx, within);
            PendingStep earlier = matchPending(rule, next);
            if (earlier != null) {
                fire(rule, input, next, earlier.eventTime, earlier.record, out);
            } else if (first == null || input.eventTime >= first.eventTime) {
                ctx.timerService().registerProcessingTimeTimer(next.expiresAt);
                waitingFirstStep.update(next);
            }
        }
        if (isThen) {
            // Unmatched, it may yet complete a first step with an earlier time that arrives later.
            PendingStep pending = step(input, ctx, within);
            List<PendingStep> kept = new ArrayList<>();
            earlySecondSteps.get().forEach(kept::add);
            kept.add(pending);
            if (kept.size() > MAX_PENDING) {
                kept.remove(0);
            }
            earlySecondSteps.update(kept);
            ctx.timerService().registerProcessingTimeTimer(pending.expiresAt);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        PendingStep first = waitingFirstStep.value();
        if (first != null && first.expiresAt <= timestamp) {
            waitingFirstStep.clear();
        }
        List<PendingStep> kept = new ArrayList<>();
        for (PendingStep pending : earlySecondSteps.get()) {
            if (pending.expiresAt > timestamp) {
                kept.add(pending);
            }
        }
        if (kept.isEmpty()) {
            earlySecondSteps.clear();
        } else {
            earlySecondSteps.update(kept);
        }
    }

    private static boolean follows(SequenceRule rule, PendingStep first, long thenTime, String thenValue) {
        return thenTime >= first.eventTime
                && thenTime - first.eventTime <= rule.within().toMillis()
                && rule.completes(first.value, thenValue);
    }

    /** A waiting second step that the new first step completes (and removes), or null. */
    private PendingStep matchPending(SequenceRule rule, PendingStep first) throws Exception {
        List<PendingStep> kept = new ArrayList<>();
        PendingStep matched = null;
        for (PendingStep pending : earlySecondSteps.get()) {
            if (matched == null && follows(rule, first, pending.eventTime, pending.value)) {
                matched = pending;
            } else {
                kept.add(pending);
            }
        }
        if (matched != null) {
            earlySecondSteps.update(kept);
        }
        return matched;
    }

    /** A step to remember until (processing time) it can no longer match. */
    private PendingStep step(RuleInput input, Context ctx, long within) {
        PendingStep step = new PendingStep();
        step.eventTime = input.eventTime;
        step.value = input.value;
        step.record = input.record;
        step.expiresAt = WindowCount.roundUpToSecond(
                ctx.timerService().currentProcessingTime() + within + outOfOrderness.toMillis());
        return step;
    }

    private void fire(
            SequenceRule rule,
            RuleInput input,
            PendingStep first,
            long thenTime,
            String thenRecord,
            Collector<Alert> out) {
        Alert alert = Alerts.of(
                rule, input.envelope.source, input.logType, input.key, new String[] {first.record, thenRecord});
        alert.id = Alerts.id(rule.name(), input.envelope.source, input.key, Long.toString(first.eventTime));
        alert.fields = input.fields;
        alert.eventCount = 2;
        alert.firstSeen = first.eventTime;
        alert.lastSeen = thenTime;
        out.collect(alert);
        alertsPerRule.get(rule.name()).inc();
    }
}
