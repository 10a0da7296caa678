package dev.streamwarden.job;

import dev.streamwarden.api.Rule;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.deliver.AlertConsoleLine;
import dev.streamwarden.job.deliver.AlertJson;
import dev.streamwarden.job.deliver.DeadLetterJson;
import dev.streamwarden.job.deliver.DeliveryOutcomes;
import dev.streamwarden.job.deliver.FileSinks;
import dev.streamwarden.job.deliver.ForOutputs;
import dev.streamwarden.job.deliver.LakeTables;
import dev.streamwarden.job.deliver.RetryPolicy;
import dev.streamwarden.job.deliver.SlackNotifier;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import dev.streamwarden.job.model.RawRecord;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * The whole job on one screen: {@link Detection} (records → rebalance → unpack → classify → event time →
 * rules), then the outputs: the Parquet lake, alerts to the archive, console and Slack, and every stage's dead
 * letters. The uids are stable: savepoints restore by them.
 */
public final class Pipeline {
    private Pipeline() {}

    public static void define(DataStream<RawRecord> records, StreamwardenConfig config, List<Rule> rules) {
        Detection detection = Detection.define(records, config, rules);
        detection.events.sinkTo(FileSinks.lake(config.lakePath, LakeTables.of(detection.schemas)))
                .uid("lake").name("Parquet lake").setParallelism(detection.events.getParallelism());
        deliver(detection.alerts, config);
        detection.deadLetters.sinkTo(FileSinks.jsonLines(config.deadLetterPath, DeadLetterJson::toLine))
                .uid("dead-letter").name("Dead-letter");
    }

    private static void deliver(DataStream<Alert> alerts, StreamwardenConfig config) {
        alerts.sinkTo(FileSinks.jsonLines(config.alertsPath, AlertJson::toLine))
                .uid("alert-archive").name("Alert archive");
        if (config.printAlerts) {
            alerts.map(new AlertConsoleLine()).uid("alert-console-format").name("Format alerts")
                    .sinkTo(new PrintSink<>()).uid("alert-console").name("Console");
        }
        if (config.slackWebhookUrl() != null) {
            RetryPolicy retry = new RetryPolicy(config.slackMaxAttempts, config.slackInitialBackoff,
                    config.slackMaxBackoff, config.slackRequestTimeout);
            DataStream<Alert> forSlack = alerts.filter(new ForOutputs("slack:")).uid("for-slack").name("For Slack");
            int capacity = 100;
            // A full queue at the webhook's rate, plus the slowest delivery: a queued alert must not time out.
            long timeout = retry.worstCaseMillis() + (long) (capacity * 1000 / config.slackMessagesPerSecond) + 5_000;
            DataStream<DeliveryResult> results = AsyncDataStream.unorderedWait(forSlack,
                            new SlackNotifier("slack:default", config.slackWebhookUrl(), retry,
                                    config.slackMessagesPerSecond, config.slackBurst),
                            timeout, TimeUnit.MILLISECONDS, capacity)
                    // One sender per webhook, so its rate limit holds for the webhook as a whole.
                    .uid("slack").name("Slack").setParallelism(1);
            results.process(new DeliveryOutcomes()).uid("delivery-outcomes").name("Delivery outcomes")
                    .sinkTo(FileSinks.jsonLines(config.failedAlertsPath, DeliveryOutcomes::toLine))
                    .uid("failed-alerts").name("Failed alerts");
        }
    }
}
