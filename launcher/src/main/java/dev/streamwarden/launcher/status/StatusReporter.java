package dev.streamwarden.launcher.status;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.Scheduled;

/**
 * A Flink metric reporter for {@code bin/streamwarden run}: every report interval one status line on the console —
 * events per second, the largest lag of any shard, alerts, dead letters, the last completed checkpoint — from the
 * job's own counters, the Kinesis consumer's {@code millisBehindLatest} gauges and the checkpoint metrics.
 */
public final class StatusReporter implements MetricReporter, Scheduled {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** The last completed checkpoint's path, for the line printed when run stops (null before the first). */
    private static volatile String lastCheckpointPath;

    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Gauge<?>> gauges = new ConcurrentHashMap<>();
    private final PrintStream out;
    private long lastEvents;
    private long lastReportNanos = System.nanoTime();

    public StatusReporter() {
        this(System.out);
    }

    StatusReporter(PrintStream out) {
        this.out = out;
    }

    /** The last completed checkpoint's external path, or null. */
    public static String lastCheckpointPath() {
        return lastCheckpointPath;
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        String id = group.getMetricIdentifier(name);
        if (metric instanceof Counter && isCounted(name)) {
            counters.put(id, (Counter) metric);
        } else if (metric instanceof Gauge
                && (name.equals("millisBehindLatest")
                        || name.equals("lastCheckpointExternalPath")
                        || name.equals("numberOfCompletedCheckpoints"))) {
            gauges.put(id, (Gauge<?>) metric);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        String id = group.getMetricIdentifier(name);
        counters.remove(id);
        gauges.remove(id);
    }

    private static boolean isCounted(String name) {
        return isClassifiedEvents(name) || name.startsWith("dead_letters_") || isAlertCount(name);
    }

    /** events_LOGTYPE counts classified events; events_unpacked counts the same events a stage earlier. */
    private static boolean isClassifiedEvents(String name) {
        return name.startsWith("events_") && !name.equals("events_unpacked");
    }

    /** alerts_RULE counts a rule's alerts; alerts_merged and alerts_duplicate count what happened to them. */
    private static boolean isAlertCount(String name) {
        return name.startsWith("alerts_") && !name.equals("alerts_merged") && !name.equals("alerts_duplicate");
    }

    @Override
    public void report() {
        out.println(line());
    }

    String line() {
        long now = System.nanoTime();
        long events = classifiedEvents();
        double seconds = Math.max(1e-3, (now - lastReportNanos) / 1e9);
        // After a failover the counters start again from zero: then all of them are new.
        double eventsPerSecond = (events >= lastEvents ? events - lastEvents : events) / seconds;
        lastEvents = events;
        lastReportNanos = now;
        long maxLag = -1;
        String laggingShard = null;
        long checkpoints = 0;
        for (Map.Entry<String, Gauge<?>> gauge : gauges.entrySet()) {
            Object value = gauge.getValue().getValue();
            if (gauge.getKey().endsWith("millisBehindLatest") && value instanceof Number) {
                long lag = ((Number) value).longValue();
                if (lag > maxLag) {
                    maxLag = lag;
                    laggingShard = shardOf(gauge.getKey());
                }
            } else if (gauge.getKey().endsWith("lastCheckpointExternalPath")
                    && value instanceof String
                    && !((String) value).isEmpty()
                    && !value.equals("n/a")) {
                lastCheckpointPath = (String) value;
            } else if (gauge.getKey().endsWith("numberOfCompletedCheckpoints") && value instanceof Number) {
                checkpoints = ((Number) value).longValue();
            }
        }
        return String.format(
                Locale.ROOT,
                "%s  %,.0f events/s  max lag %s  alerts %d  dead letters %d  checkpoints %d%s",
                LocalTime.now().format(TIME),
                eventsPerSecond,
                maxLag < 0 ? "n/a" : String.format(Locale.ROOT, "%,d ms (%s)", maxLag, laggingShard),
                alerts(),
                sum(name -> name.startsWith("dead_letters_")),
                checkpoints,
                lastCheckpointPath == null ? "" : ", last " + lastCheckpointPath);
    }

    private long sum(Predicate<String> counted) {
        long sum = 0;
        for (Map.Entry<String, Counter> counter : counters.entrySet()) {
            if (counted.test(counter.getKey().substring(counter.getKey().lastIndexOf('.') + 1))) {
                sum += counter.getValue().getCount();
            }
        }
        return sum;
    }

    private long alerts() {
        return sum(StatusReporter::isAlertCount);
    }

    private long classifiedEvents() {
        return sum(StatusReporter::isClassifiedEvents);
    }

    /** The shard id in a consumer metric's identifier (…shardId.shardId-000000000001.millisBehindLatest). */
    private static String shardOf(String identifier) {
        int at = identifier.indexOf("shardId-");
        if (at < 0) {
            return "?";
        }
        int end = identifier.indexOf('.', at);
        return end < 0 ? identifier.substring(at) : identifier.substring(at, end);
    }
}
