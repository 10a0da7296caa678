package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Posts each alert to its output's {@link Destination} (a Slack webhook, Slack's Web API, a signed JSON webhook) and
 * emits exactly one {@link DeliveryResult} per alert: the sending that all destinations share — the rate limit
 * ({@link SendRate}), retries ({@link RetryPolicy}) and the ledger of what was delivered ({@link DeliveryLedger}).
 *
 * <p>Retries 5xx, 429 (honouring Retry-After), timeouts and connection errors; any other status is a
 * misconfiguration that retrying cannot fix. Nothing blocks the async I/O thread: requests use
 * {@code sendAsync} and retries wait as delayed steps of the {@link SenderClock}. Give the async operator a timeout
 * above the worst-case total of request timeouts and backoffs, or {@link #timeout} reports the alert as failed.
 *
 * <p>The destination's URL, token and key are credentials: never logged, and scrubbed from every error.
 */
public class WebhookNotifier extends RichAsyncFunction<Alert, DeliveryResult> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(WebhookNotifier.class);
    private static final int ERROR_BODY_CHARS = 200;
    private static final String REDACTED = "<webhook>";
    private static final int LEDGER_THREADS = 4;

    private final String outputName;
    private final Destination destination;
    private final RetryPolicy policy;
    private final double messagesPerSecond;
    private final int burst;
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
            String outputName, Destination destination, RetryPolicy policy, double messagesPerSecond, int burst) {
        this.outputName = Objects.requireNonNull(outputName, "outputName");
        this.destination = Objects.requireNonNull(destination, "destination");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.messagesPerSecond = messagesPerSecond;
        this.burst = burst;
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
        return new WebhookNotifier(
                outputName, new SlackWebhookDestination(webhookUrl), policy, messagesPerSecond, burst);
    }

    /** A generic webhook: the alert as archived (JSON), signed when {@code hmacKey} is not null. */
    public static WebhookNotifier json(String outputName, String webhookUrl, String hmacKey, RetryPolicy policy) {
        return new WebhookNotifier(
                outputName, new SignedJsonWebhookDestination(webhookUrl, hmacKey), policy, Double.POSITIVE_INFINITY, 1);
    }

    /** Slack's Web API: {@code chat.postMessage} at {@code apiUrl} with a bot token, to a channel. */
    public static WebhookNotifier slackBot(
            String outputName,
            String apiUrl,
            String botToken,
            String channel,
            RetryPolicy policy,
            double messagesPerSecond,
            int burst) {
        return new WebhookNotifier(
                outputName, new SlackWebApiDestination(apiUrl, botToken, channel), policy, messagesPerSecond, burst);
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
        LOG.info("{} output {} ready ({})", destination.kind(), outputName, policy);
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
            body = destination.body(alert);
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

    /** One attempt's request; its headers made anew each time, so a retry carries a fresh signature. */
    private HttpRequest request(String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(destination.uri())
                .timeout(policy.requestTimeout())
                .header("Content-Type", "application/json; charset=utf-8");
        destination.addHeaders(builder, body, clock.epochMillis() / 1000);
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

    /** Error texts come from exceptions and remote bodies; neither may carry the destination's secrets onward. */
    private String redact(String text) {
        URI uri = destination.uri();
        String path = uri.getRawPath();
        String redacted = text.replace(uri.toString(), REDACTED);
        for (String secret : destination.secrets()) {
            if (!secret.isBlank()) {
                redacted = redacted.replace(secret, REDACTED);
            }
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
            if (status >= 200 && status < 300 && !destination.accepted(String.valueOf(response.body()))) {
                // A refusal in a 200 (Slack's Web API: channel_not_found, invalid_auth...): not retryable.
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
                    "Output {}: alert {} attempt {} failed ({}), retrying in {} ms",
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
                    "Output {}: alert {} delivered={} after {} attempt(s){}",
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
