package dev.streamwarden.job;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.ClassifyEvents;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.deliver.AlertConsoleLine;
import dev.streamwarden.job.deliver.AlertJson;
import dev.streamwarden.job.deliver.DeadLetterJson;
import dev.streamwarden.job.deliver.DeliveryOutcomes;
import dev.streamwarden.job.deliver.FileSinks;
import dev.streamwarden.job.deliver.LakeTables;
import dev.streamwarden.job.deliver.RetryPolicy;
import dev.streamwarden.job.deliver.SlackNotifier;
import dev.streamwarden.job.detect.DistinctCount;
import dev.streamwarden.job.detect.MatchRules;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.DeliveryResult;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.RuleInput;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackRecords;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.functions.sink.PrintSink;

/**
 * The whole job on one screen: records → rebalance → unpack → classify → (lake, rules) → alerts → outputs,
 * with every stage's dead letters in one output. The uids are stable: savepoints restore by them.
 */
public final class Pipeline {
    private Pipeline() {}

    public static void define(DataStream<RawRecord> records, StreamwardenConfig config, List<Rule> rules) {
        int parallelism =
                config.parallelism > 0 ? config.parallelism : records.getExecutionEnvironment().getParallelism();

        // Kinesis allows one reader per shard; spreading here means a hot shard never makes a hot worker.
        SingleOutputStreamOperator<RawEvent> unpacked = records
                .rebalance()
                .process(new UnpackRecords(new UnpackLimits(
                        config.maxRecordBytes, config.maxDecompressedBytes, config.maxEventBytes)))
                .uid("unpack").name("Unpack records").setParallelism(parallelism);

        Classifier classifier = Classifier.standard();
        SingleOutputStreamOperator<Event> classified = unpacked
                .process(new ClassifyEvents(classifier))
                .uid("classify").name("Classify and normalize").setParallelism(parallelism);

        SingleOutputStreamOperator<Event> events = classified
                .assignTimestampsAndWatermarks(WatermarkStrategy
                        .<Event>forBoundedOutOfOrderness(config.maxOutOfOrderness)
                        .withTimestampAssigner((event, previous) -> event.eventTime)
                        .withIdleness(config.idleTimeout))
                .uid("event-time").name("Event time").setParallelism(parallelism);

        events.sinkTo(FileSinks.lake(config.lakePath, LakeTables.of(classifier.registry())))
                .uid("lake").name("Parquet lake").setParallelism(parallelism);

        SingleOutputStreamOperator<Alert> matched = events
                .process(new MatchRules(rules))
                .uid("match-rules").name("Stateless rules").setParallelism(parallelism);

        DataStream<Alert> counted = matched.getSideOutput(MatchRules.STATEFUL)
                .keyBy(RuleInput::partitionKey)
                .process(new DistinctCount(rules, config.stateTtl))
                .uid("distinct-count").name("Distinct-count rules").setParallelism(parallelism);

        DataStream<Alert> alerts = matched.union(counted);
        deliver(alerts, config);

        DataStream<DeadLetter> deadLetters = unpacked.getSideOutput(DeadLetter.TAG)
                .union(classified.getSideOutput(DeadLetter.TAG), matched.getSideOutput(DeadLetter.TAG));
        deadLetters.sinkTo(FileSinks.jsonLines(config.deadLetterPath, DeadLetterJson::toLine))
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
            DataStream<DeliveryResult> results = AsyncDataStream.unorderedWait(alerts,
                            new SlackNotifier("slack:default", config.slackWebhookUrl(), retry),
                            retry.worstCaseMillis() + 5_000, TimeUnit.MILLISECONDS, 100)
                    .uid("slack").name("Slack");
            results.process(new DeliveryOutcomes()).uid("delivery-outcomes").name("Delivery outcomes")
                    .sinkTo(FileSinks.jsonLines(config.failedAlertsPath, DeliveryOutcomes::toLine))
                    .uid("failed-alerts").name("Failed alerts");
        }
    }
}
