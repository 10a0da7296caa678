package dev.streamwarden.job.deliver;

import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;

/** Alerts to Slack and what finally failed to the failed-alerts output: shared by the job and redelivery. */
public final class SlackDelivery {
    private static final int CAPACITY = 100;

    private SlackDelivery() {}

    public static void define(DataStream<Alert> alerts, StreamwardenConfig config) {
        RetryPolicy retry = new RetryPolicy(config.slackMaxAttempts, config.slackInitialBackoff,
                config.slackMaxBackoff, config.slackRequestTimeout);
        DataStream<Alert> forSlack = alerts.filter(new ForOutputs("slack:")).uid("for-slack").name("For Slack");
        // A full queue at the webhook's rate, plus the slowest delivery: a queued alert must not time out.
        long timeout = retry.worstCaseMillis() + (long) (CAPACITY * 1000 / config.slackMessagesPerSecond) + 5_000;
        DataStream<DeliveryResult> results = AsyncDataStream.unorderedWait(forSlack,
                        new SlackNotifier("slack:default", config.slackWebhookUrl(), retry,
                                config.slackMessagesPerSecond, config.slackBurst),
                        timeout, TimeUnit.MILLISECONDS, CAPACITY)
                // One sender per webhook, so its rate limit holds for the webhook as a whole.
                .uid("slack").name("Slack").setParallelism(1);
        results.process(new DeliveryOutcomes()).uid("delivery-outcomes").name("Delivery outcomes")
                .sinkTo(FileSinks.jsonLines(config.failedAlertsPath, DeliveryOutcomes::toLine))
                .uid("failed-alerts").name("Failed alerts");
    }
}
