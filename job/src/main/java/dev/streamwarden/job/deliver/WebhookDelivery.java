package dev.streamwarden.job.deliver;

import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.util.ArrayList;
import java.util.List;
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
    private WebhookDelivery() {}

    public static void define(DataStream<Alert> alerts, StreamwardenConfig config) {
        RetryPolicy retry = new RetryPolicy(
                config.deliveryMaxAttempts(),
                config.deliveryInitialBackoff(),
                config.deliveryMaxBackoff(),
                config.deliveryRequestTimeout(),
                config.deliveryDeadline());
        OutputRoutes routes = OutputRoutes.of(config);
        List<DataStream<DeliveryResult>> results = new ArrayList<>();
        for (OutputRoutes.Route route : routes.routes()) {
            DataStream<Alert> routed =
                    alerts.filter(route.filter).uid(route.filterUid).name(route.filterName);
            double perSecond = route.kind == OutputRoutes.Kind.WEBHOOK
                    ? Double.POSITIVE_INFINITY
                    : config.slackMessagesPerSecond();
            results.add(send(routed, notifier(route, config, retry), route.uid, config, retry, perSecond));
        }
        results.add(alerts.process(new UnroutedOutputs(routes))
                .uid("unrouted-outputs")
                .name("Unrouted outputs"));
        DataStream<DeliveryResult> all = results.get(0);
        for (DataStream<DeliveryResult> more : results.subList(1, results.size())) {
            all = all.union(more);
        }
        all.process(new DeliveryOutcomes())
                .uid("delivery-outcomes")
                .name("Delivery outcomes")
                .sinkTo(FileSinks.jsonLines(config.failedAlertsPath(), DeliveryOutcomes::toLine))
                .uid("failed-alerts")
                .name("Failed alerts");
    }

    /** The sender of one route, with the URL or token the configuration holds for it. */
    private static WebhookNotifier notifier(OutputRoutes.Route route, StreamwardenConfig config, RetryPolicy retry) {
        switch (route.kind) {
            case SLACK_WEBHOOK:
            case SLACK_DEFAULT:
                String webhookUrl = route.kind == OutputRoutes.Kind.SLACK_DEFAULT
                        ? config.slackWebhookUrl()
                        : config.slackWebhooks().get(route.name);
                return WebhookNotifier.slack(
                        route.output, webhookUrl, retry, config.slackMessagesPerSecond(), config.slackBurst());
            case SLACK_BOT:
                return WebhookNotifier.slackBot(
                        route.output,
                        config.slackApiUrl(),
                        config.slackBotTokens().get(route.name),
                        config.slackBotChannels().get(route.name),
                        retry,
                        config.slackMessagesPerSecond(),
                        config.slackBurst());
            case WEBHOOK:
                return WebhookNotifier.json(
                        route.output,
                        config.webhooks().get(route.name),
                        config.webhookHmacKeys().get(route.name),
                        retry);
            default:
                throw new IllegalStateException(route.kind.name());
        }
    }

    private static DataStream<DeliveryResult> send(
            DataStream<Alert> alerts,
            WebhookNotifier notifier,
            String uid,
            StreamwardenConfig config,
            RetryPolicy retry,
            double perSecond) {
        if (config.deliveryLedgerPath() != null) {
            notifier.withLedger(new DeliveryLedger(config.deliveryLedgerPath(), notifier.outputName()));
        }
        // A full queue at the webhook's rate, plus the slowest delivery: a queued alert must not time out. A full
        // queue slows the job down (backpressure) rather than drop an alert.
        int capacity = config.deliveryQueueCapacity();
        long queueMillis = Double.isInfinite(perSecond) ? 0 : (long) (capacity * 1000 / perSecond);
        long timeout = retry.worstCaseMillis() + queueMillis + 5_000;
        return AsyncDataStream.unorderedWait(alerts, notifier, timeout, TimeUnit.MILLISECONDS, capacity)
                // One sender per webhook, so its rate limit holds for the webhook as a whole.
                .uid(uid)
                .name("Deliver to " + notifier.outputName())
                .setParallelism(1);
    }
}
