package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.testing.TestClusters;
import dev.streamwarden.launcher.local.SampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack outputs in a whole job over the demo's sample traffic: named outputs get their own webhooks, the default
 * webhook takes every other slack:* output, and whatever finally fails lands in failed-alerts with its error.
 * Attempts are counted, never timed (the deadline's arithmetic is SlackNotifierTest's, on a manual clock): the
 * request timeout and the deadline lie far beyond what a loaded machine takes, so each alert gets exactly the
 * attempts it is allowed.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SlackDeliveryJobTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(4);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final SampleData SAMPLE = SampleData.generate(Instant.parse("2026-11-28T10:00:00Z"), 5L);
    private static final int ALERTS =
            SAMPLE.alertsPerRule.values().stream().mapToInt(Integer::intValue).sum();
    private static final int GUARD_DUTY = SAMPLE.alertsPerRule.get("guard_duty_all");
    private static final int MAX_ATTEMPTS = 3;

    @Test
    void eachOutputGoesToItsWebhook(@TempDir Path dir) throws Exception {
        try (MockWebServer general = new MockWebServer();
                MockWebServer security = new MockWebServer()) {
            general.setDispatcher(answering(200, "ok"));
            security.setDispatcher(answering(200, "ok"));
            general.start();
            security.start();

            run(dir, general, security, new Properties());

            assertEquals(GUARD_DUTY, security.getRequestCount(), "slack:security alerts to its own webhook");
            RecordedRequest finding = security.takeRequest();
            assertTrue(finding.getBody().string(StandardCharsets.UTF_8).contains("guard_duty_all"));
            assertEquals(ALERTS - GUARD_DUTY, general.getRequestCount(), "every other slack:* output to the default");
            assertEquals(List.of(), jsonLines(dir.resolve("failed")));
        }
    }

    @Test
    void whatFinallyFailsLandsInFailedAlertsWithItsError(@TempDir Path dir) throws Exception {
        try (MockWebServer general = new MockWebServer();
                MockWebServer security = new MockWebServer()) {
            general.setDispatcher(answering(503, "service unavailable")); // down for longer than every attempt
            security.setDispatcher(answering(400, "invalid_payload")); // misconfigured: retrying cannot help
            general.start();
            security.start();
            Properties slack = new Properties();
            slack.setProperty("max-attempts", Integer.toString(MAX_ATTEMPTS));
            slack.setProperty("initial-backoff", "20ms");
            slack.setProperty("max-backoff", "50ms");

            run(dir, general, security, slack);

            List<JsonNode> failed = jsonLines(dir.resolve("failed"));
            assertEquals(ALERTS, failed.size(), "every alert, none lost: " + failed);
            assertEquals(ids(jsonLines(dir.resolve("alerts"))), ids(failed), "the archived alerts are the failed ones");
            for (JsonNode line : failed) {
                boolean guardDuty = line.path("rule").asText().equals("guard_duty_all");
                assertEquals(
                        guardDuty ? "slack:security" : "slack:default",
                        line.path("failed_output").asText());
                if (guardDuty) {
                    assertEquals("HTTP 400: invalid_payload", line.path("error").asText());
                    assertEquals(1, line.path("attempts").asInt(), "a 400 is not retried");
                } else {
                    assertEquals(
                            "HTTP 503: service unavailable", line.path("error").asText());
                    assertEquals(MAX_ATTEMPTS, line.path("attempts").asInt(), "retried while allowed: " + line);
                }
            }
            assertEquals(GUARD_DUTY, security.getRequestCount());
            assertEquals(MAX_ATTEMPTS * (ALERTS - GUARD_DUTY), general.getRequestCount(), "retries reached the server");
        }
    }

    private static QueueDispatcher answering(int code, String body) {
        QueueDispatcher dispatcher = new QueueDispatcher();
        dispatcher.setFailFast(new MockResponse.Builder().code(code).body(body).build());
        return dispatcher;
    }

    private static void run(Path dir, MockWebServer general, MockWebServer security, Properties slack)
            throws Exception {
        Properties outputs = new Properties();
        outputs.setProperty("security", security.url("/services/T0/B1/x").toString());
        Properties output = new Properties();
        output.setProperty("lake", dir.resolve("lake").toUri().toString());
        output.setProperty("alerts", dir.resolve("alerts").toUri().toString());
        output.setProperty("dead-letter", dir.resolve("dead-letter").toUri().toString());
        output.setProperty("failed-alerts", dir.resolve("failed").toUri().toString());
        Properties source = new Properties();
        source.setProperty("type", "replay");
        StringBuilder files = new StringBuilder();
        for (int i = 0; i < SAMPLE.records.size(); i++) {
            Path file = dir.resolve("in/record-" + i);
            Files.createDirectories(file.getParent());
            Files.write(file, SAMPLE.records.get(i));
            files.append(i == 0 ? "" : ",").append(file.toUri());
        }
        Properties replay = new Properties();
        replay.setProperty("files", files.toString());
        slack.setProperty("messages-per-second", "100");
        // Far beyond a local server's answer on a loaded machine: a request that timed out would be sent again.
        slack.setProperty("request-timeout", "2m");
        slack.setProperty("deadline", "1h");
        StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(
                Map.of(
                        "source",
                        source,
                        "replay",
                        replay,
                        "output",
                        output,
                        "slack",
                        slack,
                        StreamwardenConfig.SLACK_OUTPUTS_GROUP,
                        outputs),
                Map.of(
                        StreamwardenConfig.SLACK_WEBHOOK_ENV,
                        general.url("/services/T0/B0/y").toString()));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        env.getConfig().disableGenericTypes();
        StreamwardenJob.build(env, config);
        env.execute("slack-delivery");
    }

    private static Set<String> ids(List<JsonNode> alerts) {
        return alerts.stream().map(a -> a.path("id").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<JsonNode> jsonLines(Path dir) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lines;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                for (String line : Files.readAllLines(file)) {
                    lines.add(MAPPER.readTree(line));
                }
            }
        }
        return lines;
    }
}
