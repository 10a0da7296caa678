package dev.streamwarden.job.ruletest;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.Detection;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * What the real {@link Detection} made of test records, per test source: alerts per rule, the first dead letter,
 * the log types events were classified as. One bounded job runs every test; sources keep them apart.
 */
final class Outcome {
    private final Map<String, Integer> alerts = new HashMap<>();
    final Map<String, String> deadLetters = new HashMap<>();
    final Map<String, List<String>> logTypes = new HashMap<>();

    private Outcome() {}

    static Outcome of(StreamExecutionEnvironment env, List<Rule> rules, Map<String, List<byte[]>> recordsBySource)
            throws Exception {
        List<RawRecord> records = new ArrayList<>();
        recordsBySource.forEach((source, data) -> {
            int n = 0;
            for (byte[] bytes : data) {
                records.add(new RawRecord(source, "rule-test", null, Integer.toString(n++), 0L, bytes));
            }
        });
        StreamwardenConfig config = new StreamwardenConfig();
        config.parallelism = 1;
        DataStream<RawRecord> input = env.fromData(records, TypeInformation.of(RawRecord.class));
        Detection detection = Detection.define(input, config, rules);
        Outcome outcome = new Outcome();
        try (CloseableIterator<Alert> alertIt = detection.alerts.collectAsync();
                CloseableIterator<DeadLetter> deadIt = detection.deadLetters.collectAsync();
                CloseableIterator<String> typeIt = detection.events.map(new SourceAndLogType())
                        .returns(Types.STRING).collectAsync()) {
            env.execute("rule-tests");
            alertIt.forEachRemaining(a -> outcome.alerts.merge(a.source + '\u0000' + a.rule, 1, Integer::sum));
            deadIt.forEachRemaining(d -> outcome.deadLetters.putIfAbsent(d.source, d.stage + ": " + d.reason));
            typeIt.forEachRemaining(t -> {
                int split = t.indexOf('\u0000');
                outcome.logTypes.computeIfAbsent(t.substring(0, split), k -> new ArrayList<>())
                        .add(t.substring(split + 1));
            });
        }
        return outcome;
    }

    int alerts(String source, String rule) {
        return alerts.getOrDefault(source + '\u0000' + rule, 0);
    }

    /** "source\0logType" of each event. */
    private static final class SourceAndLogType implements MapFunction<Event, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public String map(Event event) {
            return event.source + '\u0000' + event.logType;
        }
    }
}
