package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;
import org.apache.flink.util.function.SerializableFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each alert to a webhook — a Slack incoming webhook (Block Kit message) or a generic HTTPS endpoint (the
 * archive's JSON, optionally signed with HMAC-SHA256 in {@value #SIGNATURE_HEADER}, timestamped in
 * {@value #TIMESTAMP_HEADER}) — and emits exactly one
 * {@link DeliveryResult} per alert.
 *
 * <p>Retries 5xx, 429 (honouring Retry-After), timeouts and connection errors; any other status is a
 * misconfiguration that retrying cannot fix. Nothing blocks the async I/O thread: requests use
 * {@code sendAsync} and retries wait as delayed steps of the {@link SenderClock}. Give the async operator a timeout
 * above the worst-case total of request timeouts and backoffs, or {@link #timeout} reports the alert as failed.
 *
 * <p>The webhook URL and the signing key are credentials: never logged, and the URL is scrubbed from every error.
 */
public class WebhookNotifier extends RichAsyncFunction<Alert, DeliveryResult> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final int ERROR_BODY_CHARS = 200;
    private static final String REDACTED = "<webhook>";
    private static final int LEDGER_THREADS = 4;
    /**
     * Header carrying {@code sha256=<hex HMAC-SHA256 of "TIMESTAMP.BODY">} for generic webhooks with a key, TIMESTAMP
     * being {@link #TIMESTAMP_HEADER}: the receiver checks who sent it, that nothing changed, and that it is recent
     * (a captured request replayed later carries an old timestamp).
     */
    public static final String SIGNATURE_HEADER = "X-Streamwarden-Signature";
    /** Unix seconds when the request was signed. */
    public static final String TIMESTAMP_HEADER = "X-Streamwarden-Timestamp";

    private final String outputName;
    private final URI webhook;
    private final RetryPolicy policy;
    private final double messagesPerSecond;
    private final int burst;
    private final boolean slack;
    private final String hmacKey;
    /** For Slack's Web API (chat.postMessage) instead of an incoming webhook: the bot token and channel. */
    private final String botToken;

    private final String channel;
    /** Where delivered alerts are recorded, so a replay after a restore does not send them again; or null. */
    private DeliveryLedger ledger;
    /** Makes each opened operator's clock from a thread name: the system's, unless a test drives time itself. */
    private SerializableFunction<String, SenderClock> clocks = SystemSenderClock::new;

    private transient HttpClient client;
    private transient SendRate rate;
    /** Time, and the waits between attempts; stopped with the operator so no retry outlives it. */
    private transient SenderClock clock;
    /** The ledger's file system calls block; they run here, never on the async I/O thread. */
    private transient ExecutorService ledgerIo;

    private transient volatile boolean closed;
    /** Alerts between asyncInvoke and their result: waiting for the rate limit, a retry, or the ledger. */
    private transient Set<ResultFuture<DeliveryResult>> inFlight;

    private transient Counter retried;

    private WebhookNotifier(
            String outputName,
            String webhookUrl,
            RetryPolicy policy,
            double messagesPerSecond,
            int burst,
            boolean slack,
            String hmacKey,
            String botToken,
            String channel) {
        this.botToken = botToken;
        this.channel = channel;
        this.messagesPerSecond = messagesPerSecond;
        this.burst = burst;
        this.slack = slack;
        this.hmacKey = hmacKey;
        this.outputName = Objects.requireNonNull(outputName, "outputName");
        this.webhook = parseWebhook(Objects.requireNonNull(webhookUrl, "webhookUrl"));
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A Slack webhook without a rate limit (tests). */
    public static WebhookNotifier slack(String outputName, String webhookUrl, RetryPolicy policy) {
        return slack(outputName, webhookUrl, policy, Double.POSITIVE_INFINITY, 1);
    }

    /**
     * A Slack webhook sent at most {@code messagesPerSecond} with bursts of {@code burst}; run the operator at
     * parallelism 1 so the limit holds for the webhook as a whole.
     */
    public static WebhookNotifier slack(
            String outputName, String webhookUrl, RetryPolicy policy, double messagesPerSecond, int burst) {
        return new WebhookNotifier(outputName, webhookUrl, policy, messagesPerSecond, burst, true, null, null, null);
    }

    /** A generic webhook: the alert as archived (JSON), signed when {@code hmacKey} is not null. */
    public static WebhookNotifier json(String outputName, String webhookUrl, String hmacKey, RetryPolicy policy) {
        return new WebhookNotifier(
                outputName, webhookUrl, policy, Double.POSITIVE_INFINITY, 1, false, hmacKey, null, null);
    }

    /**
     * Slack's Web API: {@code chat.postMessage} at {@code apiUrl} with a bot token, to a channel. Its errors come
     * as HTTP 200 with {@code "ok": false}; they are failures too.
     */
    public static WebhookNotifier slackBot(
            String outputName,
            String apiUrl,
            String botToken,
            String channel,
            RetryPolicy policy,
            double messagesPerSecond,
            int burst) {
        return new WebhookNotifier(
                outputName,
                apiUrl,
                policy,
                messagesPerSecond,
                burst,
                true,
                null,
                Objects.requireNonNull(botToken, "botToken"),
                Objects.requireNonNull(channel, "channel"));
    }

    public String outputName() {
        return outputName;
    }

    /** Records deliveries in {@code ledger} and skips alerts it already holds. */
    public WebhookNotifier withLedger(DeliveryLedger ledger) {
        this.ledger = ledger;
        return this;
    }

    /** Runs on {@code clocks}' clock instead of the system's: tests move time themselves. */
    WebhookNotifier withClock(SerializableFunction<String, SenderClock> clocks) {
        this.clocks = Objects.requireNonNull(clocks, "clocks");
        return this;
    }

    private static URI parseWebhook(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (("https".equals(scheme) || "http".equals(scheme)) && uri.getHost() != null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // Falls through: the parser's message quotes the URL, so it is not passed on.
        }
        throw new IllegalArgumentException("webhook URL is not an absolute http(s) URL");
    }

    @Override
    public void open(OpenContext openContext) {
        client = HttpClient.newBuilder().connectTimeout(policy.requestTimeout()).build();
        clock = clocks.apply("retries of " + outputName);
        rate = new SendRate(messagesPerSecond, burst, clock.nanoTime());
        closed = false;
        inFlight = ConcurrentHashMap.newKeySet();
        // What on-call watches during an outage: the queue growing and the retries, long before anything fails.
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        metrics.gauge("delivery_pending_" + outputName, (Gauge<Integer>) inFlight::size);
        retried = metrics.counter("delivery_retries_" + outputName);
        if (ledger != null) {
            ledgerIo = Executors.newFixedThreadPool(LEDGER_THREADS, daemonThreads("delivery ledger of " + outputName));
            ledgerIo.execute(() -> {
                try {
                    ledger.forgetOldDays(DeliveryLedger.today());
                } catch (IOException | RuntimeException e) {
                    LOG.warn("{}: old days of {} not removed: {}", outputName, ledger, e.toString());
                }
            });
        }
        LOG.info("{} output {} ready ({})", slack ? "Slack" : "Webhook", outputName, policy);
    }

    static ThreadFactory daemonThreads(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() throws Exception {
        // A cancelled or failed task must stop sending: its alerts wait in the checkpointed queue and are sent by
        // the restored task. A retry left running in this JVM (task managers outlive job restarts) would be a
        // second copy of every alert that was pending during an outage.
        closed = true;
        if (clock != null) {
            clock.stop();
        }
        if (ledgerIo != null) {
            ledgerIo.shutdownNow();
        }
        // HttpClient is AutoCloseable from Java 21; on older JVMs dropping it lets its threads end.
        if (client instanceof AutoCloseable) {
            ((AutoCloseable) client).close();
        }
        client = null;
    }

    @Override
    public void asyncInvoke(Alert alert, ResultFuture<DeliveryResult> resultFuture) {
        inFlight.add(resultFuture);
        String body;
        try {
            body = !slack
                    ? AlertJson.toLine(alert)
                    : channel == null ? SlackMessage.toJson(alert) : SlackMessage.toJson(alert, channel);
        } catch (RuntimeException e) {
            // Every alert gets a result, even one that cannot be formatted.
            complete(resultFuture, DeliveryResult.of(outputName, alert, false, 0, describe(e)));
            return;
        }
        Delivery delivery = new Delivery(alert, resultFuture, client, body);
        if (ledger == null) {
            delivery.attempt();
            return;
        }
        onLedgerThread(() -> {
            if (alreadyDelivered(alert)) {
                complete(resultFuture, DeliveryResult.alreadyDelivered(outputName, alert));
            } else {
                delivery.attempt();
            }
        });
    }

    private boolean alreadyDelivered(Alert alert) {
        try {
            return ledger.delivered(alert.id, DeliveryLedger.today());
        } catch (IOException | RuntimeException e) {
            // Unknown is not delivered: a possible duplicate is better than a lost alert.
            LOG.warn(
                    "{}: ledger {} not readable for alert {}, sending: {}", outputName, ledger, alert.id, e.toString());
            return false;
        }
    }

    private void onLedgerThread(Runnable step) {
        unlessClosing(() -> ledgerIo.execute(step));
    }

    /** Hands work to an executor; once close() shut it down, the checkpointed queue holds the alert instead. */
    private static void unlessClosing(Runnable submission) {
        try {
            submission.run();
        } catch (RejectedExecutionException closing) {
            // Nothing to do: the restored task sends the alert.
        }
    }

    @Override
    public void timeout(Alert alert, ResultFuture<DeliveryResult> resultFuture) {
        // The attempt count lives with the in-flight delivery, which is not reachable from here.
        complete(resultFuture, DeliveryResult.of(outputName, alert, false, 0, "timed out in async I/O"));
    }

    /** One attempt's request; signed anew each time, so a retry carries a fresh timestamp. */
    private HttpRequest request(String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(webhook)
                .timeout(policy.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8");
        if (botToken != null) {
            builder.header("Authorization", "Bearer " + botToken);
        }
        if (hmacKey != null) {
            String timestamp = Long.toString(clock.epochMillis() / 1000);
            builder.header(TIMESTAMP_HEADER, timestamp)
                    .header(SIGNATURE_HEADER, "sha256=" + hmacSha256(hmacKey, timestamp + "." + body));
        }
        return builder.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    /** The one result of an alert: a delivery still running when the operator timed it out adds none. */
    private void complete(ResultFuture<DeliveryResult> resultFuture, DeliveryResult result) {
        if (inFlight.remove(resultFuture)) {
            resultFuture.complete(List.of(result));
        }
    }

    @Override
    public String toString() {
        return "WebhookNotifier{output=" + outputName + ", policy=" + policy + "}";
    }

    private String describe(Throwable e) {
        return redact(e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    /** Error texts come from exceptions and remote bodies; neither may carry the webhook onward. */
    private String redact(String text) {
        String path = webhook.getRawPath();
        String redacted = text.replace(webhook.toString(), REDACTED);
        if (botToken != null) {
            redacted = redacted.replace(botToken, REDACTED);
        }
        return path == null || path.length() <= 1 ? redacted : redacted.replace(path, REDACTED);
    }

    /** One alert's way through its attempts; each attempt starts only after the previous one ended. */
    private final class Delivery {
        private final Alert alert;
        private final ResultFuture<DeliveryResult> resultFuture;
        // Captured so a retry still scheduled when close() runs does not find the field cleared.
        private final HttpClient client;
        private final String body;
        private int attempts;
        /** When the first request went out (after the rate limit's queue): the deadline counts from here. */
        private long firstSentNanos;

        Delivery(Alert alert, ResultFuture<DeliveryResult> resultFuture, HttpClient client, String body) {
            this.alert = alert;
            this.resultFuture = resultFuture;
            this.client = client;
            this.body = body;
        }

        /** Waits for the webhook's next free slot (queued, never dropped), then sends. */
        void attempt() {
            if (closed) {
                return;
            }
            attempts++;
            long wait = rate.reserve(clock.nanoTime());
            if (wait > 0) {
                later(this::send, wait, TimeUnit.NANOSECONDS);
            } else {
                send();
            }
        }

        private void later(Runnable step, long delay, TimeUnit unit) {
            unlessClosing(() -> clock.schedule(step, unit.toNanos(delay)));
        }

        private void send() {
            if (closed) {
                return;
            }
            if (attempts == 1) {
                firstSentNanos = clock.nanoTime();
            }
            try {
                client.sendAsync(request(body), HttpResponse.BodyHandlers.ofString())
                        .whenComplete((response, error) -> {
                            try {
                                handle(response, error);
                            } catch (RuntimeException e) {
                                finish(false, describe(e)); // a bug here must not leave the alert hanging
                            }
                        });
            } catch (RuntimeException e) {
                finish(false, describe(e));
            }
        }

        private void handle(HttpResponse<String> response, Throwable error) {
            if (error != null) {
                Throwable cause = unwrap(error);
                // Timeouts and connection failures are IOExceptions and may pass; anything else will not.
                if (cause instanceof IOException) {
                    retryOrFail(backoff(), describe(cause));
                } else {
                    finish(false, describe(cause));
                }
                return;
            }
            int status = response.statusCode();
            // Redact before cutting, or a cut might leave a partial, unmatched URL behind.
            String outcome = "HTTP " + status + ": " + excerpt(redact(String.valueOf(response.body())));
            if (status >= 200 && status < 300 && botToken != null && !apiOk(response.body())) {
                // The Web API reports errors (channel_not_found, invalid_auth...) in a 200: not retryable.
                finish(false, outcome);
            } else if (status >= 200 && status < 300) {
                finish(true, null);
            } else if (status == 429) {
                // The whole webhook is told to wait, not just this alert: the next slot comes after the pause.
                rate.pause(clock.nanoTime(), TimeUnit.MILLISECONDS.toNanos(retryAfterMillis(response)));
                retryOrFail(0, outcome);
            } else if (status >= 500) {
                retryOrFail(backoff(), outcome);
            } else {
                finish(false, outcome);
            }
        }

        private void retryOrFail(long delayMillis, String error) {
            long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - firstSentNanos);
            if (!policy.retries(attempts, elapsedMillis, delayMillis)) {
                finish(false, error);
                return;
            }
            LOG.debug(
                    "Slack output {}: alert {} attempt {} failed ({}), retrying in {} ms",
                    outputName,
                    alert.id,
                    attempts,
                    error,
                    delayMillis);
            retried.inc();
            later(this::attempt, delayMillis, TimeUnit.MILLISECONDS);
        }

        private long backoff() {
            return policy.backoffMillis(attempts - 1, ThreadLocalRandom.current());
        }

        /** Slack says how long it wants us to back off; guessing shorter would only earn another 429. */
        private long retryAfterMillis(HttpResponse<String> response) {
            String value = response.headers().firstValue("Retry-After").orElse("");
            try {
                long seconds = Long.parseLong(value.trim());
                if (seconds >= 0) {
                    return TimeUnit.SECONDS.toMillis(seconds);
                }
            } catch (NumberFormatException e) {
                // Absent or an HTTP date: fall back to our own backoff.
            }
            return backoff();
        }

        private void finish(boolean delivered, String error) {
            LOG.debug(
                    "Slack output {}: alert {} delivered={} after {} attempt(s){}",
                    outputName,
                    alert.id,
                    delivered,
                    attempts,
                    delivered ? "" : " (" + error + ")");
            DeliveryResult result = DeliveryResult.of(outputName, alert, delivered, attempts, error);
            if (!delivered || ledger == null) {
                complete(resultFuture, result);
                return;
            }
            // Recorded before the result counts, so no checkpoint can have forgotten the alert while the ledger
            // does not know it yet.
            onLedgerThread(() -> {
                try {
                    ledger.record(alert.id, DeliveryLedger.today());
                } catch (IOException | RuntimeException e) {
                    LOG.warn(
                            "{}: alert {} delivered but not recorded in {}: {}",
                            outputName,
                            alert.id,
                            ledger,
                            e.toString());
                }
                complete(resultFuture, result);
            });
        }
    }

    private static boolean apiOk(String body) {
        try {
            return new ObjectMapper().readTree(body).path("ok").asBoolean(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** Hex HMAC-SHA256 of the text. */
    static String hmacSha256(String key, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(digest.length * 2);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable e = error;
        while (e instanceof CompletionException && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    private static String excerpt(String body) {
        return body.length() <= ERROR_BODY_CHARS ? body : body.substring(0, ERROR_BODY_CHARS);
    }
}
