package dev.streamwarden.job;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ClassifyEvents;
import dev.streamwarden.job.classify.schema.SchemaRegistry;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.detect.MatchRules;
import dev.streamwarden.job.detect.MergeAlerts;
import dev.streamwarden.job.detect.SequenceMatch;
import dev.streamwarden.job.detect.StageAlerts;
import dev.streamwarden.job.detect.WindowCount;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.RuleInput;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackRecords;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The deciding half of the job: records → rebalance → unpack → classify → event time → rules (stateless in place;
 * window-count and sequence rules on keyed state). The job adds
 * outputs to it; the rule tests run exactly this, so a rule behaves in its tests as it does in production.
 */
public final class Detection {
    public final SchemaRegistry schemas;
    public final DataStream<Event> events;
    public final DataStream<Alert> alerts;
    public final DataStream<DeadLetter> deadLetters;

    private Detection(
            SchemaRegistry schemas,
            DataStream<Event> events,
            DataStream<Alert> alerts,
            DataStream<DeadLetter> deadLetters) {
        this.schemas = schemas;
        this.events = events;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
    }

    public static Detection define(DataStream<RawRecord> records, StreamwardenConfig config, List<Rule> rules) {
        int parallelism = config.parallelism() > 0
                ? config.parallelism()
                : records.getExecutionEnvironment().getParallelism();

        // Kinesis allows one reader per shard; spreading here means a hot shard never makes a hot worker.
        SingleOutputStreamOperator<RawEvent> unpacked = records.rebalance()
                .process(new UnpackRecords(UnpackLimits.of(config)))
                .uid("unpack")
                .name("Unpack records")
                .setParallelism(parallelism);

        Classifier classifier = Classifier.standard();
        SingleOutputStreamOperator<Event> classified = unpacked.process(new ClassifyEvents(classifier))
                .uid("classify")
                .name("Classify and normalize")
                .setParallelism(parallelism);

        SingleOutputStreamOperator<Event> events = classified
                .assignTimestampsAndWatermarks(
                        WatermarkStrategy.<Event>forBoundedOutOfOrderness(config.maxOutOfOrderness())
                                .withTimestampAssigner((event, previous) -> event.eventTime)
                                .withIdleness(config.idleTimeout()))
                .uid("event-time")
                .name("Event time")
                .setParallelism(parallelism);

        SingleOutputStreamOperator<Alert> matched = events.process(new MatchRules(rules))
                .uid("match-rules")
                .name("Stateless rules")
                .setParallelism(parallelism);

        SingleOutputStreamOperator<Alert> counted = matched.getSideOutput(MatchRules.COUNTED)
                .keyBy(RuleInput::partitionKey)
                .process(new WindowCount(rules, config.maxOutOfOrderness(), config.stateTtl()))
                .uid("window-count")
                .name("Threshold and distinct-count rules")
                .setParallelism(parallelism);

        SingleOutputStreamOperator<Alert> sequenced = matched.getSideOutput(MatchRules.SEQUENCED)
                .keyBy(RuleInput::partitionKey)
                .process(new SequenceMatch(rules, config.maxOutOfOrderness(), config.stateTtl()))
                .uid("sequence")
                .name("Sequence rules")
                .setParallelism(parallelism);

        DataStream<DeadLetter> deadLetters = unpacked.getSideOutput(DeadLetter.TAG)
                .union(
                        classified.getSideOutput(DeadLetter.TAG),
                        matched.getSideOutput(DeadLetter.TAG),
                        counted.getSideOutput(DeadLetter.TAG),
                        sequenced.getSideOutput(DeadLetter.TAG));
        DataStream<Alert> alerts = matched.union(counted, sequenced)
                .keyBy(Alert::mergeGroup)
                .process(new MergeAlerts(config.stateTtl()))
                .uid("merge-alerts")
                .name("Merge alerts")
                .setParallelism(parallelism)
                .map(new StageAlerts(rules, config.promotedRules()))
                .uid("stage-alerts")
                .name("Staging")
                .setParallelism(parallelism);
        return new Detection(classifier.registry(), events, alerts, deadLetters);
    }
}
