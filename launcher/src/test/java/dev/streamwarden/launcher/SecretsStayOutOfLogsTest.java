package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.testing.TestClusters;
import dev.streamwarden.launcher.local.SampleData;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole run with a Slack webhook that keeps failing (so every error path runs), its URL read at start-up from a
 * Secrets Manager ARN, and a Web API output whose server echoes the bot token back: neither secret appears in any
 * log line at any level (DEBUG for our code and the AWS SDK's, INFO for Flink's), exception, or output file.
 */
class SecretsStayOutOfLogsTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(4);

    private static final String SECRET = "SECRETTOKEN4711";
    /** The bot token of slack:security (Web API), which guard_duty_all alerts go to. */
    private static final String BOT_SECRET = "BOTSECRET0815";

    private static final String SECRET_ARN =
            "arn:aws:secretsmanager:us-east-1:111122223333:secret:streamwarden/slack-AbCdEf";

    @Test
    void theWebhookSecretAppearsNowhere(@TempDir Path dir) throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                StringWriter text = new StringWriter();
                text.append(event.getLoggerName())
                        .append(' ')
                        .append(event.getMessage().getFormattedMessage());
                if (event.getThrown() != null) {
                    event.getThrown().printStackTrace(new PrintWriter(text));
                }
                lines.add(text.toString());
            }
        };
        capture.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration logging = context.getConfiguration();
        Level rootLevel = logging.getRootLogger().getLevel();
        logging.getRootLogger().addAppender(capture, Level.INFO, null);
        logging.getRootLogger().setLevel(Level.INFO);
        LoggerConfig ours = new LoggerConfig("dev.streamwarden", Level.DEBUG, true);
        ours.addAppender(capture, Level.DEBUG, null);
        logging.addLogger("dev.streamwarden", ours);
        LoggerConfig sdk = new LoggerConfig("software.amazon.awssdk", Level.DEBUG, true);
        sdk.addAppender(capture, Level.DEBUG, null);
        logging.addLogger("software.amazon.awssdk", sdk);
        context.updateLoggers();
        System.setProperty("aws.accessKeyId", "AKIDEXAMPLE");
        System.setProperty("aws.secretAccessKey", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
        AtomicInteger secretReads = new AtomicInteger();
        AtomicInteger slackCalls = new AtomicInteger();
        AtomicInteger botCalls = new AtomicInteger();
        try (MockWebServer server = new MockWebServer()) {
            server.start();
            String webhook = server.url("/services/T0/B0/" + SECRET).toString();
            server.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    if ("secretsmanager.GetSecretValue"
                            .equals(request.getHeaders().get("X-Amz-Target"))) {
                        secretReads.incrementAndGet();
                        return new MockResponse.Builder()
                                .code(200)
                                .addHeader("Content-Type", "application/x-amz-json-1.1")
                                .body("{\"ARN\":\"" + SECRET_ARN + "\",\"SecretString\":\"" + webhook + "\"}")
                                .build();
                    }
                    if (request.getUrl().encodedPath().equals("/api/chat.postMessage")) {
                        botCalls.incrementAndGet();
                        // The Web API's errors come in a 200; this one echoes the token it was given.
                        return new MockResponse.Builder()
                                .code(200)
                                .body("{\"ok\":false,\"error\":\"invalid_auth: "
                                        + request.getHeaders().get("Authorization") + "\"}")
                                .build();
                    }
                    slackCalls.incrementAndGet();
                    // A server that echoes the URL back: error texts must be scrubbed too.
                    return new MockResponse.Builder()
                            .code(500)
                            .body("upstream failed for " + webhook)
                            .build();
                }
            });
            run(
                    dir,
                    server.url("/").toString(),
                    server.url("/api/chat.postMessage").toString());
            assertEquals(1, secretReads.get(), "the webhook was read from Secrets Manager");
            assertTrue(slackCalls.get() > 0, "Slack was called");
            assertTrue(botCalls.get() > 0, "the Web API was called");
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
            logging.getRootLogger().removeAppender("capture");
            logging.getRootLogger().setLevel(rootLevel);
            logging.removeLogger("dev.streamwarden");
            logging.removeLogger("software.amazon.awssdk");
            context.updateLoggers();
        }

        assertTrue(lines.size() > 50, "captured " + lines.size() + " log lines");
        assertTrue(
                lines.stream().anyMatch(l -> l.contains("Slack webhook output slack:default ready")),
                "our lines captured");
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("software.amazon.awssdk.request ")), "the SDK's lines");
        List<String> leaks = lines.stream()
                .filter(l -> l.contains(SECRET) || l.contains(BOT_SECRET))
                .collect(Collectors.toList());
        assertEquals(List.of(), leaks);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).collect(Collectors.toList())) {
                if (file.toString().endsWith(".jsonl")) {
                    String text = Files.readString(file);
                    assertFalse(text.contains(SECRET) || text.contains(BOT_SECRET), "secret in " + file);
                }
            }
        }
    }

    private static void run(Path dir, String secretsEndpoint, String slackApi) throws Exception {
        SampleData sample = SampleData.generate(Instant.parse("2026-11-28T10:00:00Z"), 3L);
        Path input = dir.resolve("in");
        Files.createDirectories(input);
        StreamwardenConfig.Builder config = StreamwardenConfig.builder();
        config.set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.REPLAY);
        List<String> files = new ArrayList<>();
        for (int i = 0; i < sample.records.size(); i++) {
            Path file = input.resolve("record-" + i);
            Files.write(file, sample.records.get(i));
            files.add(file.toUri().toString());
        }
        config.set(ConfigKeys.REPLAY_FILES, files);
        config.set(ConfigKeys.OUTPUT_LAKE, dir.resolve("lake").toUri().toString());
        config.set(ConfigKeys.OUTPUT_ALERTS, dir.resolve("alerts").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_DEAD_LETTER,
                dir.resolve("dead-letter").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_FAILED_ALERTS,
                dir.resolve("failed-alerts").toUri().toString());
        config.set(ConfigKeys.DELIVERY_MAX_ATTEMPTS, 2);
        config.set(ConfigKeys.DELIVERY_INITIAL_BACKOFF, Duration.ofMillis(10));
        config.set(ConfigKeys.DELIVERY_MAX_BACKOFF, Duration.ofMillis(20));
        config.set(ConfigKeys.SLACK_MESSAGES_PER_SECOND, 100.0);
        config.set(ConfigKeys.SLACK_WEBHOOK_URL, SECRET_ARN);
        config.slackBot("security", "xoxb-" + BOT_SECRET, "#security");
        config.set(ConfigKeys.SLACK_API_URL, slackApi);
        config.set(ConfigKeys.SECRETS_ENDPOINT, secretsEndpoint);
        StreamwardenConfig resolved = config.build(Map.of()).resolveSecrets();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(500);
        StreamwardenJob.build(env, resolved);
        env.execute("secrets-test");
    }
}
