package dev.streamwarden.job.metrics;

import java.util.List;
import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.MeterView;
import org.apache.flink.metrics.MetricGroup;

/**
 * The job's own metrics that Managed Flink publishes to CloudWatch (namespace AWS/KinesisAnalytics): it publishes
 * only metrics registered under the {@value #GROUP} group, so these are registered there (the Flink UI and the
 * Prometheus reporter show them too). deploy/streamwarden.yaml alarms on them by these names.
 */
public final class CloudWatchMetrics {
    public static final String GROUP = "kinesisanalytics";
    /** Dead letters per second, every stage and cause together (the per-cause counts stay Flink-only). */
    public static final String DEAD_LETTERS_PER_SECOND = "deadLettersPerSecond";
    /** Rule failures per second (a rule threw on an event), every rule together. */
    public static final String RULE_ERRORS_PER_SECOND = "ruleErrorsPerSecond";
    /** Alerts per second that finally failed delivery (to failed-alerts), every output together. */
    public static final String DELIVERY_FAILURES_PER_SECOND = "deliveryFailuresPerSecond";

    public static final List<String> ALL =
            List.of(DEAD_LETTERS_PER_SECOND, RULE_ERRORS_PER_SECOND, DELIVERY_FAILURES_PER_SECOND);

    /** Averaged over a minute: CloudWatch's period, so a burst between two reports is not missed. */
    private static final int RATE_SECONDS = 60;

    private CloudWatchMetrics() {}

    /** A per-second rate of this operator's, under the {@value #GROUP} group. */
    public static Meter rate(MetricGroup operatorMetrics, String name) {
        return operatorMetrics.addGroup(GROUP).meter(name, new MeterView(RATE_SECONDS));
    }
}
