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

/** Alerts to Slack and what finally failed to the failed-alerts output: shared by the job and redelivery. */
public final class SlackDelivery {
    private static final int CAPACITY = 100;

    private SlackDelivery() {}

    /**
     * One sender per webhook: each {@code slack.outputs} entry serves its {@code slack:NAME}; the default webhook
     * serves every other {@code slack:*} output.
     */
    public static void define(DataStream<Alert> alerts, StreamwardenConfig config) {
        RetryPolicy retry = new RetryPolicy(config.slackMaxAttempts, config.slackInitialBackoff,
                config.slackMaxBackoff, config.slackRequestTimeout);
        List<DataStream<DeliveryResult>> results = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        config.slackWebhooks().forEach((name, url) -> {
            String output = ForOutputs.SLACK + name;
            named.add(output);
            results.add(send(alerts.filter(ForOutputs.named(output)).uid("for-" + output).name("For " + output),
                    output, url, retry, config));
        });
        if (config.slackWebhookUrl() != null) {
            results.add(send(alerts.filter(ForOutputs.slackExcept(named)).uid("for-slack").name("For Slack"),
                    "slack:default", config.slackWebhookUrl(), retry, config));
        }
        DataStream<DeliveryResult> all = results.get(0);
        for (DataStream<DeliveryResult> more : results.subList(1, results.size())) {
            all = all.union(more);
        }
        all.process(new DeliveryOutcomes()).uid("delivery-outcomes").name("Delivery outcomes")
                .sinkTo(FileSinks.jsonLines(config.failedAlertsPath, DeliveryOutcomes::toLine))
                .uid("failed-alerts").name("Failed alerts");
    }

    private static DataStream<DeliveryResult> send(DataStream<Alert> alerts, String output, String webhook,
            RetryPolicy retry, StreamwardenConfig config) {
        // A full queue at the webhook's rate, plus the slowest delivery: a queued alert must not time out.
        long timeout = retry.worstCaseMillis() + (long) (CAPACITY * 1000 / config.slackMessagesPerSecond) + 5_000;
        return AsyncDataStream.unorderedWait(alerts,
                        new SlackNotifier(output, webhook, retry, config.slackMessagesPerSecond, config.slackBurst),
                        timeout, TimeUnit.MILLISECONDS, CAPACITY)
                // One sender per webhook, so its rate limit holds for the webhook as a whole.
                .uid(output.equals("slack:default") ? "slack" : "slack-" + output.substring(ForOutputs.SLACK.length()))
                .name(output).setParallelism(1);
    }
}
