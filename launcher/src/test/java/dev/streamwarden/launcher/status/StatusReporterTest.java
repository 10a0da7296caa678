package dev.streamwarden.launcher.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;

class StatusReporterTest {
    @Test
    void theLineSumsTheJobsCountersAndShowsTheWorstShard() {
        StatusReporter reporter =
                new StatusReporter(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        MetricGroup operator = new MetricListener().getMetricGroup();
        counter(reporter, operator, "events_vpc_flow", 900);
        counter(reporter, operator, "events_cloudtrail", 100);
        counter(reporter, operator, "events_unpacked", 1000); // the same events, counted a stage earlier
        counter(reporter, operator, "alerts_vpc_flow_port_scan", 2);
        counter(reporter, operator, "alerts_ssh_brute_force", 1);
        counter(reporter, operator, "alerts_merged", 40); // what happened to alerts, not alerts
        counter(reporter, operator, "alerts_duplicate", 5);
        counter(reporter, operator, "dead_letters_unpack_corrupt_gzip", 3);
        counter(reporter, operator, "dead_letters_classify_no_log_type", 4);
        counter(reporter, operator, "records_flows", 77); // not shown
        gauge(reporter, operator.addGroup("shardId").addGroup("shardId-000000000000"), "millisBehindLatest", 1200L);
        gauge(reporter, operator.addGroup("shardId").addGroup("shardId-000000000003"), "millisBehindLatest", 98000L);
        gauge(reporter, operator, "numberOfCompletedCheckpoints", 12L);
        gauge(reporter, operator, "lastCheckpointExternalPath", "file:/tmp/checkpoints/job/chk-12");

        String line = reporter.line();

        assertTrue(
                line.matches("\\d\\d:\\d\\d:\\d\\d  [\\d,]+ events/s  max lag 98,000 ms \\(shardId-000000000003\\)  "
                        + "alerts 3  dead letters 7  checkpoints 12, last file:/tmp/checkpoints/job/chk-12"),
                line);
        assertEquals("file:/tmp/checkpoints/job/chk-12", StatusReporter.lastCheckpointPath());
        assertTrue(reporter.line().contains("  0 events/s  "), "no new events since the last line");
    }

    private static void counter(StatusReporter reporter, MetricGroup group, String name, long count) {
        Counter counter = new SimpleCounter();
        counter.inc(count);
        reporter.notifyOfAddedMetric(counter, name, group);
    }

    private static void gauge(StatusReporter reporter, MetricGroup group, String name, Object value) {
        Gauge<Object> gauge = () -> value;
        reporter.notifyOfAddedMetric(gauge, name, group);
    }
}
