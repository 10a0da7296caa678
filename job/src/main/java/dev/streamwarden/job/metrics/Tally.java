package dev.streamwarden.job.metrics;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.metrics.Counter;

/**
 * One count kept twice: as a Flink metric (what on-call watches in CloudWatch) and as an accumulator (what the
 * launcher's end-of-run summary reads). Names are dotted, e.g. "events.vpc_flow"; the metric replaces dots with
 * underscores so reporters keep it one name.
 */
public final class Tally {
    private final Counter metric;
    private final LongCounter accumulator;

    private Tally(Counter metric, LongCounter accumulator) {
        this.metric = metric;
        this.accumulator = accumulator;
    }

    public static Tally of(RuntimeContext context, String name) {
        return new Tally(context.getMetricGroup().counter(name.replace('.', '_')), context.getLongCounter(name));
    }

    public void inc() {
        metric.inc();
        accumulator.add(1L);
    }

    public void inc(long n) {
        metric.inc(n);
        accumulator.add(n);
    }

    /** Tallies under a common prefix, created on first use (e.g. one per log type or per rule). */
    public static final class Family {
        private final RuntimeContext context;
        private final String prefix;
        private final Map<String, Tally> members = new HashMap<>();

        public Family(RuntimeContext context, String prefix) {
            this.context = context;
            this.prefix = prefix;
        }

        public Tally get(String member) {
            return members.computeIfAbsent(member, m -> Tally.of(context, prefix + "." + m));
        }
    }
}
