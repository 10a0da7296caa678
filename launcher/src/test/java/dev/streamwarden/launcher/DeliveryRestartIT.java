package dev.streamwarden.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.local.KinesisEmulator;
import dev.streamwarden.launcher.local.KinesisWriter;
import dev.streamwarden.launcher.local.TestEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.kinesis.KinesisClient;

/**
 * Restarts while alerts are on their way. (1) Slack goes down, the job is killed while alerts wait for it, and
 * restarts from its last checkpoint with Slack still down; producers meanwhile put two records a second time (a
 * retry after a lost acknowledgement). When Slack comes back every alert arrives, none twice, nothing is reported
 * failed, and the archive holds each alert once. (2) The job is restored from a savepoint taken before alerts it then
 * sent: the replayed records yield them again, and the delivery ledger keeps them from being sent twice.
 * Real parts: the Kinesis emulator, a Flink MiniCluster per run, a local HTTP server standing in for Slack.
 *
 * <p>Every wait is for something to happen, with no deadline of its own: {@code @Timeout} alone bounds a test, so a
 * slow machine only makes it slower.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DeliveryRestartIT {
    private static final String STREAM = "streamwarden-restart-it";
    private static final String WEBHOOK_PATH = "/services/T0/B0/RESTART";
    private static final Instant BASE = Instant.parse("2026-11-28T11:00:00Z");
    private static final Pattern EVENT_ID = Pattern.compile("evt-[a-e]-\\d{3}");
    private static final Pattern ALERT_ID = Pattern.compile("\\*Alert id:\\* ([0-9a-f]{32})");
    /** The longest a wait goes without looking again when Slack sees no request (checkpoints signal nothing). */
    private static final long LOOK_AGAIN_MILLIS = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CHECKPOINT_EVERY_500_MS = "500 ms";
    private static final String NO_PERIODIC_CHECKPOINTS = "1 h";

    @TempDir
    Path tmp;

    private final SlackStub slack = new SlackStub();
    private MockWebServer server;
    private KinesisEmulator emulator;
    private KinesisClient kinesis;
    private KinesisWriter writer;
    private StreamwardenConfig config;

    @BeforeEach
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void emulatorStreamAndSlack() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(slack);
        server.start();
        emulator = TestEmulator.start();
        kinesis = KinesisEmulator.client(emulator.endpoint());
        writer = new KinesisWriter(kinesis);
        writer.createStream(STREAM, 1);
        config = jobConfig();
    }

    @AfterEach
    void stop() throws Exception {
        kinesis.close();
        emulator.close();
        server.close();
    }

    @Test
    void slackOutageAcrossAKillAndRestartLosesNothingAndSendsNothingTwice() throws Exception {
        List<byte[]> before = rootUsage("a", 4);
        List<byte[]> during = rootUsage("b", 4);
        List<byte[]> afterRestart = rootUsage("c", 3);
        JobClient first = start(null, CHECKPOINT_EVERY_500_MS);
        writer.putAll(STREAM, before);
        await("alerts of the first batch delivered", () -> slack.delivered.size() == 4);

        slack.up = false;
        writer.putAll(STREAM, during);
        await(
                "every alert of the second batch tried while Slack is down",
                () -> slack.triedWhileDown.containsAll(eventIds("b", 4)));
        int seen = latestCheckpoint(first).number;
        await("a checkpoint with the second batch waiting in the sender", () -> latestCheckpoint(first).number > seen);
        first.cancel().get();
        Path checkpoint = latestCheckpoint(first).path;

        JobClient second = start(checkpoint, CHECKPOINT_EVERY_500_MS);
        writer.putAll(STREAM, List.of(before.get(0), during.get(1)));
        writer.putAll(STREAM, afterRestart);
        await(
                "alerts of the third batch tried while Slack is still down",
                () -> slack.triedWhileDown.containsAll(eventIds("c", 3)));
        await("both re-put records recognized as duplicates", () -> accumulator(second, "alerts_duplicate") >= 2);

        slack.up = true;
        await("every alert delivered", () -> slack.delivered.size() == 11);
        second.stopWithSavepoint(true, tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        JobExecutionResult result = second.getJobExecutionResult().get();

        Map<String, Integer> once = onceEach(eventIds("a", 4), eventIds("b", 4), eventIds("c", 3));
        assertEquals(once, new TreeMap<>(slack.delivered), "Slack deliveries per event");
        assertEquals(11, slack.alertIds.size(), "distinct alert ids delivered");
        assertTrue(slack.triedWhileDown.size() >= 7, "Slack was really down for batches b and c");
        assertEquals(
                2L,
                ((Number) result.getAllAccumulatorResults().get("alerts_duplicate")).longValue(),
                "duplicates dropped after the restart: exactly the two re-put records");
        assertEquals(List.of(), CommittedFiles.lines(tmp.resolve("failed-alerts")), "failed alerts");
        assertEquals(once, archivedEvents(), "alert archive: each alert once across both runs");
    }

    @Test
    void alertsSentAfterTheRestoredStateAreNotSentAgain() throws Exception {
        List<byte[]> before = rootUsage("d", 3);
        List<byte[]> after = rootUsage("e", 3);
        // No periodic checkpoints: the only restore point is the savepoint, taken between the two batches.
        JobClient first = start(null, NO_PERIODIC_CHECKPOINTS);
        writer.putAll(STREAM, before);
        await("the first batch delivered", () -> slack.delivered.size() == 3);
        String savepoint = first.triggerSavepoint(
                        tmp.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                .get();
        writer.putAll(STREAM, after);
        await("the second batch delivered after the savepoint", () -> slack.delivered.size() == 6);
        // The ledger entry follows Slack's 200 on the ledger's own thread: cancelling before it is written would
        // send that alert again after the restore (the window at-least-once delivery allows), not what this tests.
        await("the six deliveries recorded in the ledger", () -> ledgerEntries() == 6);
        first.cancel().get();

        JobClient restored = start(Path.of(URI.create(savepoint)), NO_PERIODIC_CHECKPOINTS);
        // At least the replayed second batch; a first-batch alert whose result was still on its way when the
        // savepoint was taken is waiting in the restored queue and is found there too.
        await(
                "the replayed second batch found in the ledger",
                () -> accumulator(restored, "already_delivered.slack:default") >= 3);
        restored.cancel().get();

        Map<String, Integer> once = onceEach(eventIds("d", 3), eventIds("e", 3));
        assertEquals(once, new TreeMap<>(slack.delivered), "Slack deliveries per event");
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * Answers 503 while down (Slack's outage page), 200 when up; counts what it accepted, per event, and wakes
     * whoever waits for the next request.
     */
    static final class SlackStub extends Dispatcher {
        volatile boolean up = true;
        final Map<String, Integer> delivered = new ConcurrentHashMap<>();
        final Set<String> alertIds = ConcurrentHashMap.newKeySet();
        final Set<String> triedWhileDown = ConcurrentHashMap.newKeySet();

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            try {
                return answer(request.getBody().utf8());
            } finally {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        /** Returns once a request was answered, or after {@code millis} without one. */
        synchronized void awaitRequest(long millis) throws InterruptedException {
            wait(millis);
        }

        private MockResponse answer(String body) {
            Matcher event = EVENT_ID.matcher(body);
            String eventId = event.find() ? event.group() : "no event id in " + body;
            if (!up) {
                triedWhileDown.add(eventId);
                return new MockResponse.Builder()
                        .code(503)
                        .body("service unavailable")
                        .build();
            }
            delivered.merge(eventId, 1, Integer::sum);
            Matcher alert = ALERT_ID.matcher(body);
            alertIds.add(alert.find() ? alert.group(1) : "no alert id in " + body);
            return new MockResponse.Builder().code(200).body("ok").build();
        }
    }

    private JobClient start(Path restoreFrom, String checkpointInterval) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("execution.checkpointing.interval", checkpointInterval);
        conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.setString(
                "state.checkpoints.dir", tmp.resolve("checkpoints").toUri().toString());
        conf.setString("restart-strategy.type", "none");
        conf.setString("heartbeat.interval", "1000");
        conf.setString("parallelism.default", "2");
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        StreamwardenJob.build(env, config);
        return env.executeAsync("delivery-restart-it");
    }

    private StreamwardenConfig jobConfig() {
        StreamwardenConfig.Builder config = StreamwardenConfig.builder();
        config.set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.KINESIS);
        config.set(ConfigKeys.KINESIS_STREAM, STREAM);
        config.set(ConfigKeys.KINESIS_ENDPOINT, emulator.endpoint());
        config.set(ConfigKeys.KINESIS_INITIAL_POSITION, StreamwardenConfig.InitialPosition.TRIM_HORIZON);
        config.consumerProperties(KinesisEmulator.consumerProperties());
        config.set(ConfigKeys.PROCESSING_PARALLELISM, 2);
        config.set(ConfigKeys.OUTPUT_LAKE, tmp.resolve("lake").toString());
        config.set(ConfigKeys.OUTPUT_ALERTS, tmp.resolve("alerts").toString());
        config.set(ConfigKeys.OUTPUT_DEAD_LETTER, tmp.resolve("dead-letter").toString());
        config.set(ConfigKeys.OUTPUT_FAILED_ALERTS, tmp.resolve("failed-alerts").toString());
        // Retried for as long as the test can take: the outage must end in delivery, not in failed-alerts.
        config.set(ConfigKeys.DELIVERY_MAX_ATTEMPTS, 100_000);
        config.set(ConfigKeys.DELIVERY_INITIAL_BACKOFF, Duration.ofMillis(50));
        config.set(ConfigKeys.DELIVERY_MAX_BACKOFF, Duration.ofMillis(250));
        // Far beyond a local answer on a loaded machine: a request that timed out would be sent again, and Slack would
        // count the alert twice.
        config.set(ConfigKeys.DELIVERY_REQUEST_TIMEOUT, Duration.ofMinutes(2));
        config.set(ConfigKeys.SLACK_MESSAGES_PER_SECOND, 50.0);
        config.set(ConfigKeys.SLACK_BURST, 10);
        config.set(ConfigKeys.SLACK_WEBHOOK_URL, server.url(WEBHOOK_PATH).toString());
        return config.build(Map.of());
    }

    /** Kinesis records of one CloudTrail root-account call each; every one fires cloudtrail_root_account_usage. */
    private static List<byte[]> rootUsage(String batch, int count) {
        List<byte[]> records = new ArrayList<>();
        for (String eventId : eventIds(batch, count)) {
            ObjectNode event = MAPPER.createObjectNode().put("eventVersion", "1.09");
            event.putObject("userIdentity")
                    .put("type", "Root")
                    .put("principalId", "111122223333")
                    .put("arn", "arn:aws:iam::111122223333:root")
                    .put("accountId", "111122223333");
            event.put("eventTime", BASE.plusSeconds(records.size()).toString())
                    .put("eventSource", "iam.amazonaws.com")
                    .put("eventName", "ListUsers")
                    .put("awsRegion", "us-east-1")
                    .put("sourceIPAddress", "198.51.100.7")
                    .put("userAgent", "restart-it/1.0")
                    .put("eventID", eventId)
                    .put("eventType", "AwsApiCall")
                    .put("recipientAccountId", "111122223333");
            ObjectNode batchNode = MAPPER.createObjectNode();
            batchNode.putArray("Records").add(event);
            records.add(batchNode.toString().getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    /** Each of these event ids exactly once: what Slack must have received. */
    @SafeVarargs
    private static Map<String, Integer> onceEach(List<String>... batches) {
        Map<String, Integer> once = new TreeMap<>();
        for (List<String> batch : batches) {
            batch.forEach(id -> once.put(id, 1));
        }
        return once;
    }

    private static List<String> eventIds(String batch, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(String.format("evt-%s-%03d", batch, i));
        }
        return ids;
    }

    private static final class Checkpoint {
        final int number;
        final Path path;

        Checkpoint(int number, Path path) {
            this.number = number;
            this.path = path;
        }
    }

    /** The newest completed checkpoint of a job (its _metadata is written last), or number -1. */
    private Checkpoint latestCheckpoint(JobClient job) throws Exception {
        Path dir = tmp.resolve("checkpoints").resolve(job.getJobID().toString());
        if (!Files.isDirectory(dir)) {
            return new Checkpoint(-1, null);
        }
        try (Stream<Path> children = Files.list(dir)) {
            return children.filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .map(p -> new Checkpoint(
                            Integer.parseInt(p.getFileName().toString().substring(4)), p))
                    .max((x, y) -> Integer.compare(x.number, y.number))
                    .orElse(new Checkpoint(-1, null));
        }
    }

    private static long accumulator(JobClient job, String name) {
        try {
            Object value = job.getAccumulators().get().get(name);
            return value instanceof Number ? ((Number) value).longValue() : 0;
        } catch (Exception e) {
            throw new IllegalStateException("accumulators of the running job", e);
        }
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /**
     * Waits until {@code check} holds, looking again after each request Slack answers and at least every
     * {@value #LOOK_AGAIN_MILLIS} ms (the job's checkpoints and accumulators signal nothing). No deadline of its own:
     * the test's {@code @Timeout} ends a wait that never would, and {@code what} names it then.
     */
    private void await(String what, Check check) throws Exception {
        try {
            while (!check.holds()) {
                slack.awaitRequest(LOOK_AGAIN_MILLIS);
            }
        } catch (InterruptedException timedOut) {
            throw new AssertionError("stopped waiting for: " + what, timedOut);
        }
    }

    /** The alert ids the delivery ledger holds (one empty file each, under alerts/_delivered/OUTPUT/dt=DAY/). */
    private long ledgerEntries() throws Exception {
        Path ledger = tmp.resolve("alerts").resolve("_delivered");
        if (!Files.isDirectory(ledger)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(ledger)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .count();
        }
    }

    private Map<String, Integer> archivedEvents() throws Exception {
        Map<String, Integer> perEvent = new TreeMap<>();
        for (String line : CommittedFiles.lines(tmp.resolve("alerts"))) {
            Matcher event = EVENT_ID.matcher(line);
            perEvent.merge(event.find() ? event.group() : "no event id in " + line, 1, Integer::sum);
        }
        return perEvent;
    }
}
