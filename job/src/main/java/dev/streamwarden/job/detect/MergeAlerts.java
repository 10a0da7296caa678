package dev.streamwarden.job.detect;

import dev.streamwarden.job.deadletter.Isolation;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Alert merging, keyed by (rule, source, merge key), as StreamAlert's merger does but with its users' wish: the
 * FIRST alert of a group goes out at once; alerts of the same group within the rule's merge window (event time)
 * are folded into one summary alert (count, first and last seen, up to ten sample records) sent when the window
 * closes. Alerts of rules without a merge window pass straight through.
 */
public class MergeAlerts extends KeyedProcessFunction<String, Alert, Alert> {
    private static final long serialVersionUID = 1L;
    private static final int MAX_SAMPLES = 10;

    private final Duration stateTtl;

    private transient ValueState<MergeGroup> group;
    private transient ListState<String> samples;
    private transient Tally merged;
    private transient Tally mergeErrors;
    private transient Isolation<Alert> isolation;

    /** {@code stateTtl} must exceed the longest merge window plus the allowed out-of-orderness. */
    public MergeAlerts(Duration stateTtl) {
        this.stateTtl = stateTtl;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl).build();
        ValueStateDescriptor<MergeGroup> groupDescriptor = new ValueStateDescriptor<>("group", MergeGroup.class);
        groupDescriptor.enableTimeToLive(ttl);
        group = getRuntimeContext().getState(groupDescriptor);
        ListStateDescriptor<String> samplesDescriptor = new ListStateDescriptor<>("samples", Types.STRING);
        samplesDescriptor.enableTimeToLive(ttl);
        samples = getRuntimeContext().getListState(samplesDescriptor);
        merged = Tally.of(getRuntimeContext(), "alerts_merged");
        mergeErrors = Tally.of(getRuntimeContext(), "merge_errors");
        isolation = new Isolation<>();
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        if (isolation.run(
                        (alerts, none) -> merge(alert, ctx, alerts),
                        out,
                        deadLetter -> ctx.output(DeadLetter.TAG, deadLetter))
                != null) {
            // Merging is a convenience; the alert is not: it goes out on its own.
            mergeErrors.inc();
            out.collect(alert);
        }
    }

    private void merge(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        if (alert.mergeWindow <= 0) {
            out.collect(alert);
            return;
        }
        MergeGroup g = group.value();
        if (g != null && alert.firstSeen >= g.windowEnd) {
            // The watermark has not closed the old window yet, but this alert is past it.
            ctx.timerService().deleteEventTimeTimer(g.windowEnd);
            flush(g, out);
            g = null;
        }
        if (g == null) {
            out.collect(alert);
            g = new MergeGroup();
            g.first = alert;
            g.windowEnd = Math.max(alert.firstSeen, ctx.timerService().currentWatermark()) + alert.mergeWindow;
            g.lastSeen = alert.lastSeen;
            ctx.timerService().registerEventTimeTimer(g.windowEnd);
        } else {
            g.merged++;
            g.eventCount += alert.eventCount;
            g.lastSeen = Math.max(g.lastSeen, alert.lastSeen);
            if (g.merged <= MAX_SAMPLES) {
                for (String record : alert.records) {
                    samples.add(record);
                }
            }
            merged.inc();
        }
        group.update(g);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Alert> out) throws Exception {
        Throwable failure = isolation.run(
                (alerts, none) -> {
                    MergeGroup g = group.value();
                    if (g != null && g.windowEnd == timestamp) {
                        flush(g, alerts);
                    }
                },
                out,
                deadLetter -> ctx.output(DeadLetter.TAG, deadLetter));
        if (failure != null) {
            // The group's first alert went out when it came; only the summary is lost, and the group with it.
            mergeErrors.inc();
            group.clear();
            samples.clear();
        }
    }

    /** Sends the summary of what was merged after the first alert (nothing if nothing was), and forgets the group. */
    private void flush(MergeGroup g, Collector<Alert> out) throws Exception {
        if (g.merged > 0) {
            Alert first = g.first;
            Alert summary = new Alert();
            summary.rule = first.rule;
            summary.severity = first.severity;
            summary.description = first.description + " (" + g.merged + " more alert" + (g.merged == 1 ? "" : "s")
                    + " merged since the first)";
            summary.logType = first.logType;
            summary.source = first.source;
            summary.mergeKey = first.mergeKey;
            summary.outputs = first.outputs;
            summary.context = first.context;
            summary.fields = first.fields;
            summary.mergeWindow = first.mergeWindow;
            summary.alertCount = g.merged;
            summary.eventCount = g.eventCount;
            summary.firstSeen = first.lastSeen;
            summary.lastSeen = g.lastSeen;
            List<String> records = new ArrayList<>();
            samples.get().forEach(r -> {
                if (records.size() < MAX_SAMPLES) {
                    records.add(r);
                }
            });
            summary.records = records.toArray(new String[0]);
            // The group's first alert names it; the window end would depend on the watermark at that moment.
            summary.id = Alerts.id(first.id, "merged");
            out.collect(summary);
        }
        group.clear();
        samples.clear();
    }
}
