package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import dev.streamwarden.job.testing.SampleAlerts;
import dev.streamwarden.job.testing.TestClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Failed alerts sent again: the delivered are gone, what fails again is kept, unreadable lines are skipped. */
class RedeliveryTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(2);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String failedLine(String id) {
        return failedLine(id, "slack:default", "slack:default");
    }

    private static String failedLine(String id, String failedOutput, String... outputs) {
        Alert alert = SampleAlerts.alert(id);
        alert.outputs = outputs;
        return DeliveryOutcomes.toLine(DeliveryResult.of(failedOutput, alert, false, 8, "HTTP 500: down"));
    }

    @Test
    void sendsFailedAlertsAgainAndKeepsWhatFailsAgain(@TempDir Path dir) throws Exception {
        Path failed = dir.resolve("failed-alerts/dt=2026-11-28/hour=10");
        Files.createDirectories(failed);
        Files.writeString(failed.resolve("part-1.jsonl"), failedLine("a1") + "\n" + failedLine("a2") + "\nnot json\n");
        Files.writeString(failed.resolve("part-2.jsonl"), failedLine("a3") + "\n");
        Files.writeString(failed.resolve(".part-3.jsonl.inprogress"), failedLine("never") + "\n");

        try (MockWebServer slack = new MockWebServer()) {
            slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            slack.enqueue(
                    new MockResponse.Builder().code(404).body("no_service").build());
            slack.start();

            StreamwardenConfig.Builder config = StreamwardenConfig.builder();
            config.set(
                    ConfigKeys.OUTPUT_FAILED_ALERTS,
                    dir.resolve("again").toUri().toString());
            config.set(ConfigKeys.SLACK_MESSAGES_PER_SECOND, 100.0);
            config.set(
                    ConfigKeys.SLACK_WEBHOOK_URL,
                    slack.url("/services/T0/B0/SECRET").toString());
            var result = redeliver(dir.resolve("failed-alerts"), config);

            assertEquals(3, slack.getRequestCount(), "three readable, finished failed alerts sent");
            assertEquals(1L, result.getAllAccumulatorResults().get("redeliver_unreadable"));
            List<String> again = new ArrayList<>();
            try (Stream<Path> files = Files.walk(dir.resolve("again"))) {
                for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                    again.addAll(Files.readAllLines(file));
                }
            }
            assertEquals(1, again.size(), "the one that failed again is kept: " + again);
            assertTrue(MAPPER.readTree(again.get(0)).path("error").asText().startsWith("HTTP 404"), again.get(0));
        }
    }

    @Test
    void onlyTheOutputThatFailedGetsTheAlertAgain(@TempDir Path dir) throws Exception {
        Path failed = dir.resolve("failed-alerts/dt=2026-11-28/hour=10");
        Files.createDirectories(failed);
        // Slack had it; the SOAR webhook did not.
        Files.writeString(
                failed.resolve("part-1.jsonl"),
                failedLine("b1", "webhook:soar", "slack:default", "webhook:soar") + "\n");

        try (MockWebServer slack = new MockWebServer();
                MockWebServer soar = new MockWebServer()) {
            slack.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            soar.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            slack.start();
            soar.start();
            StreamwardenConfig.Builder config = StreamwardenConfig.builder();
            config.set(
                    ConfigKeys.OUTPUT_FAILED_ALERTS,
                    dir.resolve("again").toUri().toString());
            config.set(
                    ConfigKeys.SLACK_WEBHOOK_URL,
                    slack.url("/services/T0/B0/SECRET").toString());
            config.webhook("soar", soar.url("/hook").toString(), null);

            redeliver(dir.resolve("failed-alerts"), config);

            assertEquals(1, soar.getRequestCount(), "the failed output gets it");
            assertEquals(
                    "b1",
                    MAPPER.readTree(soar.takeRequest().getBody().utf8())
                            .path("id")
                            .asText());
            assertEquals(0, slack.getRequestCount(), "the output that had it does not get it twice");
        }
    }

    private static JobExecutionResult redeliver(Path failedAlerts, StreamwardenConfig.Builder config) throws Exception {
        // Far beyond a local answer on a loaded machine: a request that timed out would be sent again and counted.
        config.set(ConfigKeys.DELIVERY_REQUEST_TIMEOUT, Duration.ofMinutes(2));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.enableCheckpointing(500);
        env.getConfig().disableGenericTypes();
        Redelivery.define(env, failedAlerts.toUri().toString(), config.buildUnchecked());
        return env.execute("redeliver-test");
    }
}
