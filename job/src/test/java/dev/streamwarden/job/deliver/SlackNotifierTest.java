package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.OperatorMetricGroup;
import org.apache.flink.runtime.metrics.groups.UnregisteredMetricGroups;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.util.MockStreamingRuntimeContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives WebhookNotifier against a real local HTTP server standing in for Slack. Where a test is about time (rate
 * limit, Retry-After, deadline, retries pending, close), the notifier runs on a {@link ManualSenderClock} and the
 * test moves time itself; no test measures how long anything took, so a busy machine only makes them slower.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class SlackNotifierTest {
    private static final String SECRET_PATH = "/services/T000/B000/SECRETTOKEN";
    private static final String OUTPUT = "slack:default";
    // Short backoffs keep the retry tests quick; request timeout and deadline lie far beyond what a loaded machine
    // takes, because a request that timed out would be one attempt more than a test counts.
    private static final RetryPolicy FAST = new RetryPolicy(
            4, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMinutes(1), Duration.ofMinutes(10));
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final QueueDispatcher dispatcher = new QueueDispatcher();
    private final ManualSenderClock clock = new ManualSenderClock();
    private MockWebServer server;
    private WebhookNotifier notifier;
    /** Every function a test opened, closed after it (close is idempotent). */
    private final List<WebhookNotifier> opened = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.setDispatcher(dispatcher);
        server.start();
        notifier = WebhookNotifier.slack(OUTPUT, server.url(SECRET_PATH).toString(), FAST);
        open(notifier);
    }

    @AfterEach
    void stop() throws Exception {
        for (WebhookNotifier function : opened) {
            function.close();
        }
        server.close();
    }

    @Test
    void deliversOnFirstTry() throws Exception {
        server.enqueue(response(200, "ok"));
        Alert alert = alert("{\"srcaddr\":\"10.0.0.9\",\"dstport\":22}");
        alert.description = "Ports probed <!channel>";

        DeliveryResult result = deliver(notifier, alert);

        assertTrue(result.delivered);
        assertEquals(1, result.attempts);
        assertNull(result.error);
        RecordedRequest request = server.takeRequest();
        assertEquals("POST", request.getMethod());
        assertEquals(SECRET_PATH, request.getUrl().encodedPath());
        assertTrue(request.getHeaders().get("Content-Type").startsWith("application/json"));
        String body = request.getBody().utf8();
        JsonNode json = MAPPER.readTree(body);
        assertTrue(json.path("text").asText().contains("VpcFlowPortScan"));
        assertTrue(json.path("blocks").get(0).path("text").path("text").asText().contains("HIGH"));
        assertTrue(body.contains("srcaddr=10.0.0.9"), body);
        assertTrue(body.contains("2024-05-01T12:00:00Z"), "first seen as ISO-8601: " + body);
        // Log data must not be able to mention @channel.
        assertFalse(body.contains("<!channel>"), body);
        assertTrue(body.contains("&lt;!channel&gt;"), body);
    }

    @Test
    void retriesServerErrorsUntilDelivered() throws Exception {
        server.enqueue(response(500, "oops"));
        server.enqueue(response(500, "oops"));
        server.enqueue(response(200, "ok"));

        DeliveryResult result = deliver(notifier, alert("{}"));

        assertTrue(result.delivered);
        assertEquals(3, result.attempts);
        assertEquals(3, server.getRequestCount());
    }

    @Test
    void waitsForRetryAfterOn429() throws Exception {
        server.enqueue(new MockResponse.Builder()
                .code(429)
                .addHeader("Retry-After", "1")
                .body("rate_limited")
                .build());
        server.enqueue(response(200, "ok"));
        WebhookNotifier timed = onTheTestClock(
                WebhookNotifier.slack(OUTPUT, server.url(SECRET_PATH).toString(), FAST));
        CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
        timed.asyncInvoke(alert("{}"), collectInto(done));

        assertTrue(clock.awaitStepUnless(done), "the 429 is retried");
        clock.advance(Duration.ZERO); // the retry starts at once and finds the webhook paused
        // Backoff alone would retry within 10 ms; only Retry-After explains a second's wait.
        assertEquals(List.of(Duration.ofSeconds(1)), clock.waiting(), "the send waits out Retry-After");
        clock.advance(Duration.ofMillis(999));
        assertEquals(1, server.getRequestCount(), "nothing sent before the second is over");
        clock.advance(Duration.ofMillis(1));

        DeliveryResult result = resultOf(done);
        assertTrue(result.delivered);
        assertEquals(2, result.attempts);
        assertEquals(2, server.getRequestCount());
    }

    @Test
    void givesUpAfterMaxAttempts() throws Exception {
        dispatcher.setFailFast(response(500, "internal_error"));

        DeliveryResult result = deliver(notifier, alert("{}"));

        assertFalse(result.delivered);
        assertEquals(FAST.maxAttempts(), result.attempts);
        assertEquals(FAST.maxAttempts(), server.getRequestCount());
        assertTrue(result.error.contains("HTTP 500"), result.error);
    }

    @Test
    void theLedgerRecordsDeliveriesAndSkipsWhatItHolds(@TempDir Path dir) throws Exception {
        server.enqueue(response(200, "ok"));
        DeliveryLedger ledger = new DeliveryLedger(dir.toUri().toString(), OUTPUT);
        WebhookNotifier recorded = recordingIn(ledger);
        Alert alert = alert("{}");
        alert.id = "0123456789abcdef0123456789abcdef";

        DeliveryResult first = deliver(recorded, alert);
        assertTrue(first.delivered);
        assertEquals(1, first.attempts);
        assertFalse(first.alreadyDelivered);
        assertTrue(ledger.delivered(alert.id, DeliveryLedger.today()), "recorded before the result");

        // The same alert again, as a replay after a restore from a checkpoint older than the send.
        DeliveryResult replayed = deliver(recorded, alert);
        assertTrue(replayed.delivered);
        assertEquals(0, replayed.attempts, "not sent: no attempt");
        assertTrue(replayed.alreadyDelivered, "counted apart from deliveries");
        assertEquals(1, server.getRequestCount());
    }

    @Test
    void failedDeliveriesAreNotRecorded(@TempDir Path dir) throws Exception {
        server.enqueue(response(400, "invalid_payload"));
        DeliveryLedger ledger = new DeliveryLedger(dir.toUri().toString(), OUTPUT);
        WebhookNotifier recorded = recordingIn(ledger);
        Alert alert = alert("{}");
        assertFalse(deliver(recorded, alert).delivered);
        assertFalse(ledger.delivered(alert.id, DeliveryLedger.today()));
    }

    @Test
    void anOutageShowsAsPendingAlertsAndRetriesBeforeAnythingFails() throws Exception {
        WebhookNotifier outage = duringAnOutage(Duration.ofMillis(20), Duration.ofMinutes(1));
        RecordingMetrics metrics = open(outage);
        List<CompletableFuture<Collection<DeliveryResult>>> results = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
            outage.asyncInvoke(alert("{}"), collectInto(done));
            results.add(done);
        }
        Gauge<?> pending = metrics.gauges.get("delivery_pending_" + OUTPUT);
        Counter retries = metrics.counters.get("delivery_retries_" + OUTPUT);
        clock.awaitSteps(3); // each alert's first attempt failed; its retry waits
        clock.advance(Duration.ofMillis(20)); // every backoff (below 20 ms) is over: three second attempts
        clock.awaitSteps(3);
        assertEquals(6, retries.getCount(), "two retries of each alert");
        assertEquals(3, pending.getValue(), "all three wait");

        // One is given up by the async operator's timeout; a late result of the same alert adds nothing.
        Alert first = alert("{}");
        CompletableFuture<Collection<DeliveryResult>> timedOut = new CompletableFuture<>();
        ResultFuture<DeliveryResult> handle = collectInto(timedOut);
        outage.asyncInvoke(first, handle);
        outage.timeout(first, handle);
        assertFalse(timedOut.get().iterator().next().delivered);
        assertEquals(3, pending.getValue());
        assertTrue(results.stream().noneMatch(CompletableFuture::isDone), "nothing failed yet");
    }

    @Test
    void noRetryStartsAfterTheDeadline() throws Exception {
        WebhookNotifier outage = duringAnOutage(Duration.ofMillis(50), Duration.ofMillis(400));
        open(outage);
        CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
        outage.asyncInvoke(alert("{}"), collectInto(done));
        // Every backoff is below 50 ms, and the clock moves 100 ms per retry: attempts go out at 0, 100, 200, 300
        // and 400 ms after the first, and the one failing at 400 ms is past the deadline whatever its backoff.
        while (clock.awaitStepUnless(done)) {
            clock.advance(Duration.ofMillis(100));
        }

        DeliveryResult result = resultOf(done);
        assertFalse(result.delivered);
        assertTrue(result.error.startsWith("HTTP 503"), result.error);
        assertEquals(5, result.attempts, "the deadline ends it, long before the 1,000 attempts allowed");
        assertEquals(5, server.getRequestCount());
    }

    @Test
    void retriesEndAtTheFirstOfMaxAttemptsAndTheDeadline() {
        RetryPolicy policy = new RetryPolicy(
                3, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertTrue(policy.retries(1, 0, 999), "a retry starting before the deadline");
        assertFalse(policy.retries(1, 0, 1_000), "a retry that would start at the deadline");
        assertTrue(policy.retries(2, 900, 99));
        assertFalse(policy.retries(2, 900, 100), "elapsed time and the backoff count together");
        assertFalse(policy.retries(3, 0, 0), "the attempts are spent");
    }

    @Test
    void noRetryOutlivesClose() throws Exception {
        WebhookNotifier outage = duringAnOutage(Duration.ofMillis(20), Duration.ofMinutes(1));
        open(outage);
        CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
        outage.asyncInvoke(alert("{}"), collectInto(done));
        for (int attempt = 1; attempt < 3; attempt++) {
            clock.awaitSteps(1);
            clock.advance(Duration.ofMillis(20)); // past any backoff: the next attempt goes out
        }
        clock.awaitSteps(1); // the third attempt failed, its retry waits
        assertEquals(3, server.getRequestCount());

        // A cancelled task: its alert waits in the checkpointed queue, the restored task sends it.
        outage.close();
        assertEquals(List.of(), clock.waiting(), "the waiting retry is dropped");
        clock.advance(Duration.ofMinutes(1)); // 3,000 backoffs' worth
        assertEquals(3, server.getRequestCount(), "requests after close");
        assertFalse(done.isDone(), "no result is made up for an alert the restored task will send");
    }

    @Test
    void doesNotRetryClientErrors() throws Exception {
        server.enqueue(response(400, "invalid_payload"));

        DeliveryResult result = deliver(notifier, alert("{}"));

        assertFalse(result.delivered);
        assertEquals(1, result.attempts);
        assertEquals(1, server.getRequestCount());
        assertEquals("HTTP 400: invalid_payload", result.error);
    }

    @Test
    void truncatesHugeSampleRecordWithinSlackLimits() throws Exception {
        server.enqueue(response(200, "ok"));
        Alert alert = alert("{}");
        alert.records = new String[] {"{\"payload\":\"" + "x".repeat(100 * 1024) + "\"}"};

        assertTrue(deliver(notifier, alert).delivered);

        JsonNode json = MAPPER.readTree(server.takeRequest().getBody().utf8());
        JsonNode blocks = json.path("blocks");
        assertTrue(blocks.size() <= 50);
        assertTrue(json.path("text").asText().length() <= SlackMessage.MAX_FALLBACK_TEXT);
        String sample = null;
        for (JsonNode block : blocks) {
            if ("section".equals(block.path("type").asText())) {
                String text = block.path("text").path("text").asText();
                assertTrue(text.length() <= SlackMessage.MAX_SECTION_TEXT, "section of " + text.length());
                sample = text;
            }
        }
        assertTrue(sample.startsWith("*First sample record*\n```{\"payload\":\"xxx"), sample);
        assertTrue(sample.endsWith(SlackMessage.TRUNCATED + "```"), sample);
    }

    @Test
    void keepsWebhookUrlOutOfErrors() throws Exception {
        // A proxy error page that echoes the request URL.
        server.enqueue(response(404, "no route for " + server.url(SECRET_PATH)));
        DeliveryResult echoed = deliver(notifier, alert("{}"));
        assertTrue(echoed.error.startsWith("HTTP 404: no route for "), echoed.error);

        // Connection refused: a port nobody listens on any more, exceptions instead of responses.
        MockWebServer gone = new MockWebServer();
        gone.start();
        String deadUrl = gone.url(SECRET_PATH).toString();
        gone.close();
        RetryPolicy twice = new RetryPolicy(
                2, Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofMinutes(1));
        WebhookNotifier unreachable = WebhookNotifier.slack(OUTPUT, deadUrl, twice);
        open(unreachable);
        DeliveryResult refused = deliver(unreachable, alert("{}"));
        assertFalse(refused.delivered);
        assertEquals(2, refused.attempts);
        assertTrue(refused.error.contains("ConnectException"), refused.error);
        assertFalse(unreachable.toString().contains("SECRETTOKEN"));
        // deliver() itself checks every error for the secret.
    }

    @Test
    void asyncTimeoutYieldsFailedResult() throws Exception {
        dispatcher.setFailFast(response(503, "service unavailable"));
        Alert alert = alert("{}");
        CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
        ResultFuture<DeliveryResult> handle = collectInto(done);

        notifier.asyncInvoke(alert, handle);
        notifier.timeout(alert, handle);

        DeliveryResult result = resultOf(done);
        assertFalse(result.delivered);
        assertSame(alert, result.alert);
        assertEquals("timed out in async I/O", result.error);
    }

    @Test
    void backoffIsFullJitterUnderExponentialCeiling() {
        Random random = new Random(42);
        long longest = 0;
        for (int retry = 0; retry < 40; retry++) {
            long ceiling = Math.min(100, 10L << Math.min(retry, 20));
            for (int i = 0; i < 50; i++) {
                long delay = FAST.backoffMillis(retry, random);
                assertTrue(delay >= 0 && delay <= ceiling, "retry " + retry + " delay " + delay);
                longest = Math.max(longest, delay);
            }
        }
        // Jitter spreads over the whole range, up to near the cap.
        assertTrue(longest > 90, "longest " + longest);
    }

    @Test
    void queuesBeyondTheRateInsteadOfDropping() throws Exception {
        WebhookNotifier limited = onTheTestClock(
                WebhookNotifier.slack(OUTPUT, server.url(SECRET_PATH).toString(), FAST, 20.0, 2));
        int alerts = 12;
        List<CompletableFuture<Collection<DeliveryResult>>> all = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            server.enqueue(response(200, "ok"));
            CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
            limited.asyncInvoke(alert("{}"), collectInto(done));
            all.add(done);
        }

        // Two at once (the burst), then one every 50 ms, each queued for its slot rather than dropped.
        List<Duration> slots = new ArrayList<>();
        for (int i = 1; i <= alerts - 2; i++) {
            slots.add(Duration.ofMillis(50L * i));
        }
        assertEquals(slots, clock.waiting());
        assertTrue(resultOf(all.get(0)).delivered);
        assertTrue(resultOf(all.get(1)).delivered);
        for (int i = 2; i < alerts; i++) {
            assertFalse(all.get(i).isDone(), "alert " + i + " waits for its slot");
            clock.advance(Duration.ofMillis(50));
            assertTrue(resultOf(all.get(i)).delivered);
        }
        assertEquals(alerts, server.getRequestCount());
    }

    @Test
    void genericWebhooksGetTheArchiveJsonSignedWithHmacSha256() throws Exception {
        WebhookNotifier signed = onTheTestClock(
                WebhookNotifier.json(OUTPUT, server.url("/hooks/siem").toString(), "k3y", FAST));
        server.enqueue(response(500, "oops"));
        server.enqueue(response(200, "ok"));
        CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
        signed.asyncInvoke(alert("{\"srcaddr\":\"10.0.0.9\"}"), collectInto(done));
        clock.awaitSteps(1);
        clock.advance(Duration.ofSeconds(30)); // the retry goes out half a minute after the first attempt
        assertTrue(resultOf(done).delivered);

        RecordedRequest first = server.takeRequest();
        String body = first.getBody().string(StandardCharsets.UTF_8);
        JsonNode json = MAPPER.readTree(body);
        assertEquals("VpcFlowPortScan", json.path("rule").asText());
        assertEquals("10.0.0.9", json.path("merge_key").path("srcaddr").asText());
        // What a receiver does: recompute over "TIMESTAMP.BODY" and check the timestamp is recent.
        long signedAt = ManualSenderClock.START.getEpochSecond();
        assertEquals(Long.toString(signedAt), first.getHeaders().get(SignedJsonWebhookDestination.TIMESTAMP_HEADER));
        assertEquals(
                signature("k3y", signedAt + "." + body),
                first.getHeaders().get(SignedJsonWebhookDestination.SIGNATURE_HEADER));
        RecordedRequest retry = server.takeRequest();
        assertEquals(
                Long.toString(signedAt + 30),
                retry.getHeaders().get(SignedJsonWebhookDestination.TIMESTAMP_HEADER),
                "signed anew: a retry carries the time it was sent");
        assertEquals(
                signature("k3y", (signedAt + 30) + "." + body),
                retry.getHeaders().get(SignedJsonWebhookDestination.SIGNATURE_HEADER));
    }

    /** The signature header a receiver expects, computed here independently of the notifier. */
    private static String signature(String key, String signedText) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        StringBuilder expected = new StringBuilder("sha256=");
        for (byte b : mac.doFinal(signedText.getBytes(StandardCharsets.UTF_8))) {
            expected.append(String.format("%02x", b));
        }
        return expected.toString();
    }

    @Test
    void postsThroughTheWebApiWithABotTokenAndTreatsOkFalseAsFailure() throws Exception {
        WebhookNotifier bot = WebhookNotifier.slackBot(
                OUTPUT,
                server.url("/api/chat.postMessage").toString(),
                "xoxb-SECRETTOKEN",
                "#security",
                FAST,
                100.0,
                10);
        open(bot);
        server.enqueue(response(200, "{\"ok\":true,\"ts\":\"1.2\"}"));
        assertTrue(deliver(bot, alert("{}")).delivered);
        RecordedRequest request = server.takeRequest();
        assertEquals("Bearer xoxb-SECRETTOKEN", request.getHeaders().get("Authorization"));
        assertEquals(
                "#security",
                MAPPER.readTree(request.getBody().string(StandardCharsets.UTF_8))
                        .path("channel")
                        .asText());

        server.enqueue(response(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"));
        DeliveryResult failed = deliver(bot, alert("{}"));
        assertFalse(failed.delivered);
        assertEquals(1, failed.attempts, "an API error is not retried");
        assertTrue(failed.error.contains("channel_not_found"), failed.error);
    }

    @Test
    void sendRateIsATokenBucket() {
        long second = 1_000_000_000L;
        SendRate rate = new SendRate(2.0, 3, 0);
        assertEquals(0, rate.reserve(10 * second));
        assertEquals(0, rate.reserve(10 * second));
        assertEquals(0, rate.reserve(10 * second));
        assertEquals(second / 2, rate.reserve(10 * second), "the burst is spent: half a second per send");
        assertEquals(second, rate.reserve(10 * second));
        rate.pause(10 * second, 5 * second);
        assertEquals(5 * second, rate.reserve(10 * second), "a 429 pauses every send");
        assertEquals(0, new SendRate(Double.POSITIVE_INFINITY, 1, 0).reserve(0));
    }

    private WebhookNotifier recordingIn(DeliveryLedger ledger) throws Exception {
        WebhookNotifier recorded = WebhookNotifier.slack(
                        OUTPUT, server.url(SECRET_PATH).toString(), FAST)
                .withLedger(ledger);
        open(recorded);
        return recorded;
    }

    /**
     * Slack answers 503 from now on; the function, on the test's clock, retries with backoffs below {@code backoff}
     * up to 1,000 times or the deadline.
     */
    private WebhookNotifier duringAnOutage(Duration backoff, Duration deadline) {
        dispatcher.setFailFast(response(503, "service unavailable"));
        RetryPolicy policy = new RetryPolicy(1_000, backoff, backoff, Duration.ofMinutes(1), deadline);
        return WebhookNotifier.slack(OUTPUT, server.url(SECRET_PATH).toString(), policy)
                .withClock(thread -> clock);
    }

    /** Opens the function on the test's clock. */
    private WebhookNotifier onTheTestClock(WebhookNotifier function) throws Exception {
        open(function.withClock(thread -> clock));
        return function;
    }

    /** Opens the function as the async operator would, with a metric group that keeps what is registered. */
    private RecordingMetrics open(WebhookNotifier function) throws Exception {
        opened.add(function);
        RecordingMetrics metrics = new RecordingMetrics();
        function.setRuntimeContext(new MockStreamingRuntimeContext(false, 1, 0) {
            @Override
            public OperatorMetricGroup getMetricGroup() {
                return metrics;
            }
        });
        function.open(DefaultOpenContext.INSTANCE);
        return metrics;
    }

    static final class RecordingMetrics extends UnregisteredMetricGroups.UnregisteredOperatorMetricGroup {
        final Map<String, Gauge<?>> gauges = new ConcurrentHashMap<>();
        final Map<String, Counter> counters = new ConcurrentHashMap<>();

        @Override
        public <T, G extends Gauge<T>> G gauge(String name, G gauge) {
            gauges.put(name, gauge);
            return gauge;
        }

        @Override
        public Counter counter(String name) {
            // The parent's constructor registers its I/O counters before this class's fields exist.
            return counters == null ? new SimpleCounter() : counters.computeIfAbsent(name, n -> new SimpleCounter());
        }
    }

    private static DeliveryResult deliver(WebhookNotifier function, Alert alert) throws Exception {
        CompletableFuture<Collection<DeliveryResult>> done = new CompletableFuture<>();
        function.asyncInvoke(alert, collectInto(done));
        DeliveryResult result = resultOf(done);
        assertSame(alert, result.alert);
        return result;
    }

    /** The one result of an alert, waited for as long as the test's timeout allows; its error never has the secret. */
    private static DeliveryResult resultOf(CompletableFuture<Collection<DeliveryResult>> done) throws Exception {
        Collection<DeliveryResult> results = done.get();
        assertEquals(1, results.size());
        DeliveryResult result = results.iterator().next();
        assertEquals(OUTPUT, result.output);
        assertTrue(result.error == null || !result.error.contains("SECRETTOKEN"), result.error);
        return result;
    }

    private static ResultFuture<DeliveryResult> collectInto(CompletableFuture<Collection<DeliveryResult>> done) {
        return new ResultFuture<>() {
            @Override
            public void complete(Collection<DeliveryResult> results) {
                done.complete(results);
            }

            @Override
            public void completeExceptionally(Throwable error) {
                done.completeExceptionally(error);
            }
        };
    }

    private static MockResponse response(int code, String body) {
        return new MockResponse.Builder().code(code).body(body).build();
    }

    private static Alert alert(String mergeKey) {
        Alert alert = new Alert();
        alert.id = "alert-1";
        alert.rule = "VpcFlowPortScan";
        alert.severity = "HIGH";
        alert.description = "One source probed many ports";
        alert.logType = "vpcflow";
        alert.source = "s3://logs/vpcflow/2024/05/01/part-0.gz";
        alert.eventCount = 42;
        alert.firstSeen = 1714564800000L; // 2024-05-01T12:00:00Z
        alert.lastSeen = 1714565100000L;
        alert.mergeKey = mergeKey;
        alert.records = new String[] {"{\"srcaddr\":\"10.0.0.9\",\"dstport\":22,\"action\":\"REJECT\"}"};
        alert.outputs = new String[] {OUTPUT};
        return alert;
    }
}
