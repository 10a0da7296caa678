package dev.streamwarden.job.detect;

import dev.streamwarden.api.Rule;
import dev.streamwarden.api.WindowCountRule;
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
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Threshold and distinct-count rules on keyed, checkpointed state, keyed by (rule, source, key).
 *
 * <p>A window opens at a key's first counted event and holds events whose event times all lie within the rule's
 * window of each other. The alert goes out the moment the threshold is reached (not at window end), once per
 * window; after that the distinct values are dropped, so state per key never exceeds the threshold. A threshold
 * rule counts events (its inputs carry no value); a distinct-count rule counts distinct values.
 *
 * <p>Results depend only on event times, never on when watermarks happen to advance: membership is decided by
 * event time, and a processing-time timer forgets a key that received nothing for one window plus the allowed
 * out-of-orderness (an event-time timer would fire in the middle of a lagging shard's burst once the watermark,
 * driven by other shards, passed it, and split one scan into two windows). TTL is the backstop.
 * Events older than the window allows (relative to the newest counted event) are counted as late and ignored.
 */
public class WindowCount extends KeyedProcessFunction<String, RuleInput, Alert> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SAMPLES = 10;

    private final List<Rule> rules;
    private final Duration outOfOrderness;
    private final Duration stateTtl;

    private transient Map<String, WindowCountRule> rulesByName;
    private transient ValueState<CountWindow> window;
    private transient MapState<String, Boolean> seen;
    private transient ListState<String> samples;
    private transient Tally.Family alertsPerRule;
    private transient Tally lateEvents;
    private transient Isolation<Alert> isolation;
    private transient RuleFailures ruleFailures;

    /**
     * {@code outOfOrderness} is how late events may arrive; {@code stateTtl} must exceed the longest window plus
     * it.
     */
    public WindowCount(List<Rule> rules, Duration outOfOrderness, Duration stateTtl) {
        this.rules = rules;
        this.outOfOrderness = outOfOrderness;
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        rulesByName = RulesByName.of(rules, WindowCountRule.class);
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
        ValueStateDescriptor<CountWindow> windowDescriptor = new ValueStateDescriptor<>("window", CountWindow.class);
        windowDescriptor.enableTimeToLive(ttl);
        MapStateDescriptor<String, Boolean> seenDescriptor =
                new MapStateDescriptor<>("distinct-values", Types.STRING, Types.BOOLEAN);
        seenDescriptor.enableTimeToLive(ttl);
        ListStateDescriptor<String> samplesDescriptor = new ListStateDescriptor<>("samples", Types.STRING);
        samplesDescriptor.enableTimeToLive(ttl);
        window = getRuntimeContext().getState(windowDescriptor);
        seen = getRuntimeContext().getMapState(seenDescriptor);
        samples = getRuntimeContext().getListState(samplesDescriptor);
        alertsPerRule = new Tally.Family(getRuntimeContext(), "alerts");
        lateEvents = Tally.of(getRuntimeContext(), "late_events");
        isolation = new Isolation<>();
        ruleFailures = new RuleFailures(getRuntimeContext());
    }

    @Override
    public void processElement(RuleInput input, Context ctx, Collector<Alert> out) throws Exception {
        Throwable failure = isolation.run(
                (alerts, none) -> count(input, ctx, alerts), out, deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
        if (failure != null) {
            ctx.output(DeadLetter.TAG, ruleFailures.failed(input, failure));
        }
    }

    private void count(RuleInput input, Context ctx, Collector<Alert> out) throws Exception {
        WindowCountRule rule = rulesByName.get(input.rule);
        long windowMillis = rule.window().toMillis();
        long t = input.eventTime;
        CountWindow w = window.value();
        if (w != null && t >= w.firstSeen + windowMillis) {
            clear();
            w = null;
        } else if (w != null && t <= w.lastSeen - windowMillis) {
            lateEvents.inc();
            return;
        }
        if (w == null) {
            w = CountWindow.openedAt(t);
        }
        // One timer per key and second at most; earlier timers find a later cleanupAt and do nothing.
        long cleanupAt =
                roundUpToSecond(ctx.timerService().currentProcessingTime() + windowMillis + outOfOrderness.toMillis());
        if (cleanupAt != w.cleanupAt) {
            w.cleanupAt = cleanupAt;
            ctx.timerService().registerProcessingTimeTimer(cleanupAt);
        }
        w.firstSeen = Math.min(w.firstSeen, t);
        w.lastSeen = Math.max(w.lastSeen, t);
        w.events++;
        if (!w.fired) {
            if (input.value == null) {
                w.distinct++;
            } else if (!seen.contains(input.value)) {
                seen.put(input.value, Boolean.TRUE);
                w.distinct++;
            }
            if (w.samples < MAX_SAMPLES) {
                samples.add(input.record);
                w.samples++;
            }
            if (w.distinct >= rule.threshold()) {
                out.collect(alert(rule, input, w));
                alertsPerRule.get(rule.name()).inc();
                w.fired = true;
                // The alert is out; only the window's bounds are still needed.
                seen.clear();
                samples.clear();
            }
        }
        window.update(w);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        CountWindow w = window.value();
        if (w != null && w.cleanupAt == timestamp) {
            clear();
        }
    }

    static long roundUpToSecond(long millis) {
        return (millis / 1000 + 1) * 1000;
    }

    private void clear() {
        window.clear();
        seen.clear();
        samples.clear();
    }

    private Alert alert(WindowCountRule rule, RuleInput input, CountWindow w) throws Exception {
        List<String> records = new ArrayList<>();
        samples.get().forEach(records::add);
        Alert alert = Alerts.of(rule, input.envelope.source, input.logType, input.key, records.toArray(new String[0]));
        // The window's aligned slot, not its exact first event: a replay whose shards interleave differently
        // starts the window at another event of the same burst, yet yields the same id.
        long slot = Math.floorDiv(w.firstSeen, rule.window().toMillis());
        alert.id = Alerts.id(rule.name(), input.envelope.source, input.key, Long.toString(slot));
        alert.fields = input.fields;
        alert.eventCount = w.events;
        alert.firstSeen = w.firstSeen;
        alert.lastSeen = w.lastSeen;
        return alert;
    }
}
