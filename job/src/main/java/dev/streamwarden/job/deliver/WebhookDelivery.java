package dev.streamwarden.job.deliver;

import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Alerts to their webhooks, one sender each, and what finally failed to the failed-alerts output; shared by the
 * job and redelivery. Each {@code slack.outputs} (webhook) or {@code slack.bot-tokens} (chat.postMessage) entry
 * serves its {@code slack:NAME}, the default Slack webhook every other {@code slack:*} output, and each
 * {@code webhook.outputs} entry its {@code webhook:NAME}.
 */
public final class WebhookDelivery {
    /** The output name the default webhook's results carry, whichever slack:* output an alert named. */
    private static final String DEFAULT_SLACK = "slack:default";

    private WebhookDelivery() {}

    public static void define(DataStream<Alert> alerts, StreamwardenConfig config) {
        RetryPolicy retry = new RetryPolicy(
                config.slackMaxAttempts,
                config.slackInitialBackoff,
                config.slackMaxBackoff,
                config.slackRequestTimeout,
                config.slackDeadline);
        List<DataStream<DeliveryResult>> results = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        config.slackWebhooks().forEach((name, url) -> {
            String output = ForOutputs.SLACK + name;
            named.add(output);
            results.add(send(
                    alerts.filter(ForOutputs.named(output)).uid("for-" + output).name("For " + output),
                    WebhookNotifier.slack(output, url, retry, config.slackMessagesPerSecond, config.slackBurst),
                    "slack-" + name,
                    config,
                    retry,
                    config.slackMessagesPerSecond));
        });
        config.slackBotTokens().forEach((name, token) -> {
            String output = ForOutputs.SLACK + name;
            named.add(output);
            results.add(send(
                    alerts.filter(ForOutputs.named(output)).uid("for-" + output).name("For " + output),
                    WebhookNotifier.slackBot(
                            output,
                            config.slackApiUrl,
                            token,
                            config.slackBotChannels().get(name),
                            retry,
                            config.slackMessagesPerSecond,
                            config.slackBurst),
                    "slack-bot-" + name,
                    config,
                    retry,
                    config.slackMessagesPerSecond));
        });
        if (config.slackWebhookUrl() != null) {
            results.add(send(
                    alerts.filter(ForOutputs.slackExcept(named))
                            .uid("for-slack")
                            .name("For Slack"),
                    WebhookNotifier.slack(
                            DEFAULT_SLACK,
                            config.slackWebhookUrl(),
                            retry,
                            config.slackMessagesPerSecond,
                            config.slackBurst),
                    "slack",
                    config,
                    retry,
                    config.slackMessagesPerSecond));
        }
        config.webhooks().forEach((name, url) -> {
            String output = ForOutputs.WEBHOOK + name;
            named.add(output);
            results.add(send(
                    alerts.filter(ForOutputs.named(output)).uid("for-" + output).name("For " + output),
                    WebhookNotifier.json(output, url, config.webhookHmacKeys().get(name), retry),
                    "webhook-" + name,
                    config,
                    retry,
                    Double.POSITIVE_INFINITY));
        });
        results.add(alerts.process(new UnroutedOutputs(named, config.slackWebhookUrl() != null))
                .uid("unrouted-outputs")
                .name("Unrouted outputs"));
        DataStream<DeliveryResult> all = results.get(0);
        for (DataStream<DeliveryResult> more : results.subList(1, results.size())) {
            all = all.union(more);
        }
        all.process(new DeliveryOutcomes())
                .uid("delivery-outcomes")
                .name("Delivery outcomes")
                .sinkTo(FileSinks.jsonLines(config.failedAlertsPath, DeliveryOutcomes::toLine))
                .uid("failed-alerts")
                .name("Failed alerts");
    }

    private static DataStream<DeliveryResult> send(
            DataStream<Alert> alerts,
            WebhookNotifier notifier,
            String uid,
            StreamwardenConfig config,
            RetryPolicy retry,
            double perSecond) {
        if (config.deliveryLedgerPath != null) {
            notifier.withLedger(new DeliveryLedger(config.deliveryLedgerPath, notifier.outputName()));
        }
        // A full queue at the webhook's rate, plus the slowest delivery: a queued alert must not time out. A full
        // queue slows the job down (backpressure) rather than drop an alert.
        int capacity = config.slackQueueCapacity;
        long queueMillis = Double.isInfinite(perSecond) ? 0 : (long) (capacity * 1000 / perSecond);
        long timeout = retry.worstCaseMillis() + queueMillis + 5_000;
        return AsyncDataStream.unorderedWait(alerts, notifier, timeout, TimeUnit.MILLISECONDS, capacity)
                // One sender per webhook, so its rate limit holds for the webhook as a whole.
                .uid(uid)
                .name("Deliver to " + notifier.outputName())
                .setParallelism(1);
    }
}
