package dev.streamwarden.job;

import dev.streamwarden.api.Rule;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.deliver.AlertConsoleLine;
import dev.streamwarden.job.deliver.AlertJson;
import dev.streamwarden.job.deliver.DeadLetterJson;
import dev.streamwarden.job.deliver.DeduplicateAlerts;
import dev.streamwarden.job.deliver.FileSinks;
import dev.streamwarden.job.deliver.WebhookDelivery;
import dev.streamwarden.job.lake.LakeSink;
import dev.streamwarden.job.lake.LakeTables;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.RawRecord;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * The whole job on one screen: {@link Detection} (records → rebalance → unpack → classify → event time →
 * rules), then the outputs: the Parquet lake, alerts (once per id within the dedup horizon) to the archive, console
 * and Slack, and every stage's dead letters. The uids are stable: savepoints restore by them.
 */
public final class Pipeline {
    private Pipeline() {}

    public static void define(DataStream<RawRecord> records, StreamwardenConfig config, List<Rule> rules) {
        Detection detection = Detection.define(records, config, rules);
        detection
                .events
                .sinkTo(LakeSink.of(config.lakePath(), LakeTables.of(detection.schemas)))
                .uid("lake")
                .name("Parquet lake")
                .setParallelism(detection.events.getParallelism());
        deliver(detection.alerts, config);
        detection
                .deadLetters
                .sinkTo(FileSinks.jsonLines(config.deadLetterPath(), DeadLetterJson::toLine))
                .uid("dead-letter")
                .name("Dead-letter");
    }

    private static void deliver(DataStream<Alert> detected, StreamwardenConfig config) {
        DataStream<Alert> alerts = detected.keyBy(alert -> alert.id)
                .process(new DeduplicateAlerts(config.dedupHorizon()))
                .uid("alert-dedup")
                .name("Deduplicate alerts");
        alerts.sinkTo(FileSinks.jsonLines(config.alertsPath(), AlertJson::toLine))
                .uid("alert-archive")
                .name("Alert archive");
        if (config.printAlerts()) {
            alerts.map(new AlertConsoleLine())
                    .uid("alert-console-format")
                    .name("Format alerts")
                    .sinkTo(new PrintSink<>())
                    .uid("alert-console")
                    .name("Console");
        }
        if (config.deliveryEnabled()) {
            WebhookDelivery.define(alerts, config);
        }
    }
}
