package dev.streamwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.job.metrics.CloudWatchMetrics;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The alarms watch what the runbook says they watch, and the job's own metrics by the names the job registers. */
class AlarmsTest {
    @Test
    void lagIsAlarmedOnTheMaximumAtStreamAlertsThreshold() throws Exception {
        CfnTemplate template = CfnTemplate.read(Templates.MAIN).with(Map.of("StreamName", "flows"), Map.of());
        JsonNode critical =
                template.evaluate(template.resource("LagCriticalAlarm").path("Properties"));

        assertEquals("AWS/KinesisAnalytics", critical.path("Namespace").asText());
        assertEquals("millisBehindLatest", critical.path("MetricName").asText());
        assertEquals("Maximum", critical.path("Statistic").asText());
        assertEquals("1000000", critical.path("Threshold").asText());
        assertEquals(
                "GreaterThanOrEqualToThreshold",
                critical.path("ComparisonOperator").asText());
        assertEquals("breaching", critical.path("TreatMissingData").asText(), "no lag reported = not reading");
        assertEquals(
                Map.of("Application", "application-physical-name", "Id", "flows", "Flow", "Input"),
                dimensions(critical));
        JsonNode warning =
                template.evaluate(template.resource("LagWarningAlarm").path("Properties"));
        assertEquals("60000", warning.path("Threshold").asText());
    }

    @Test
    void theJobsOwnMetricsEachHaveAnAlarmAndADashboardGraph() throws Exception {
        CfnTemplate template = CfnTemplate.read(Templates.MAIN);
        Set<String> alarmed = new TreeSet<>();
        Set<String> builtIn = new TreeSet<>();
        template.resources().forEachRemaining(resource -> {
            JsonNode properties = resource.getValue().path("Properties");
            if (!resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")) {
                return;
            }
            assertEquals(
                    "AlarmTopic",
                    properties.path("AlarmActions").get(0).path("Ref").asText(),
                    resource.getKey() + " notifies the alarm topic");
            String metric = properties.path("MetricName").asText();
            if (CloudWatchMetrics.ALL.contains(metric)) {
                alarmed.add(metric);
            } else if (!metric.isEmpty()) {
                builtIn.add(metric);
            }
        });
        assertEquals(new TreeSet<>(CloudWatchMetrics.ALL), alarmed);
        assertEquals(
                Set.of(
                        "millisBehindLatest",
                        "GetRecords.IteratorAgeMilliseconds",
                        "downtime",
                        "lastCheckpointDuration"),
                builtIn,
                "metrics of Managed Flink and Kinesis (restarts and failed checkpoints are DIFF expressions)");
        String dashboard = template.resource("Dashboard")
                .path("Properties")
                .path("DashboardBody")
                .toString();
        for (String metric : CloudWatchMetrics.ALL) {
            assertTrue(dashboard.contains("\\\"" + metric + "\\\""), metric + " on the dashboard");
        }
    }

    private static Map<String, String> dimensions(JsonNode alarm) {
        Map<String, String> dimensions = new TreeMap<>();
        alarm.path("Dimensions")
                .forEach(d ->
                        dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
        return dimensions;
    }
}
