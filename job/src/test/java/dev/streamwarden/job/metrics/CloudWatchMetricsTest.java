package dev.streamwarden.job.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.metrics.Meter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class CloudWatchMetricsTest {
    @Test
    void ratesAreRegisteredUnderTheGroupManagedFlinkPublishes() {
        MetricListener metrics = new MetricListener();
        Meter rate = CloudWatchMetrics.rate(metrics.getMetricGroup(), CloudWatchMetrics.DEAD_LETTERS_PER_SECOND);
        rate.markEvent();
        rate.markEvent(2);

        Meter registered = metrics.getMeter("kinesisanalytics", "deadLettersPerSecond")
                .orElseThrow(() -> new AssertionError("not under kinesisanalytics"));
        assertEquals(3, registered.getCount());
        assertTrue(metrics.getMeter("deadLettersPerSecond").isEmpty(), "not outside the group");
    }
}
