package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.TestClusters;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.local.SampleData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Named Slack outputs get their own webhooks; the default webhook takes every other slack:* output. */
class SlackRoutingTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(4);

    @Test
    void eachOutputGoesToItsWebhook(@TempDir Path dir) throws Exception {
        try (MockWebServer general = new MockWebServer(); MockWebServer security = new MockWebServer()) {
            general.start();
            security.start();
            for (int i = 0; i < 20; i++) {
                general.enqueue(new MockResponse.Builder().code(200).body("ok").build());
                security.enqueue(new MockResponse.Builder().code(200).body("ok").build());
            }
            Properties outputs = new Properties();
            outputs.setProperty("security", security.url("/services/T0/B1/x").toString());
            Properties output = new Properties();
            output.setProperty("lake", dir.resolve("lake").toUri().toString());
            output.setProperty("alerts", dir.resolve("alerts").toUri().toString());
            output.setProperty("dead-letter", dir.resolve("dead-letter").toUri().toString());
            output.setProperty("failed-alerts", dir.resolve("failed").toUri().toString());
            Properties source = new Properties();
            source.setProperty("type", "replay");
            SampleData sample = SampleData.generate(Instant.parse("2026-11-28T10:00:00Z"), 5L);
            StringBuilder files = new StringBuilder();
            for (int i = 0; i < sample.records.size(); i++) {
                Path file = dir.resolve("in/record-" + i);
                Files.createDirectories(file.getParent());
                Files.write(file, sample.records.get(i));
                files.append(i == 0 ? "" : ",").append(file.toUri());
            }
            Properties replay = new Properties();
            replay.setProperty("files", files.toString());
            Properties slack = new Properties();
            slack.setProperty("messages-per-second", "100");
            StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(Map.of("source", source, "replay",
                    replay, "output", output, "slack", slack, StreamwardenConfig.SLACK_OUTPUTS_GROUP, outputs),
                    Map.of(StreamwardenConfig.SLACK_WEBHOOK_ENV, general.url("/services/T0/B0/y").toString()));

            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            env.enableCheckpointing(500);
            env.getConfig().disableGenericTypes();
            StreamwardenJob.build(env, config);
            env.execute("slack-routing");

            int total = sample.alertsPerRule.values().stream().mapToInt(Integer::intValue).sum();
            int guardDuty = sample.alertsPerRule.get("guard_duty_all");
            assertEquals(guardDuty, security.getRequestCount(), "slack:security alerts to its own webhook");
            RecordedRequest finding = security.takeRequest();
            assertTrue(finding.getBody().string(StandardCharsets.UTF_8).contains("guard_duty_all"));
            assertEquals(total - guardDuty, general.getRequestCount(), "every other slack:* output to the default");
        }
    }
}
