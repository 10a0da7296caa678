package dev.streamwarden.launcher.ruletest;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.Detection;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.CloseableIterator;

/**
 * What the real {@link Detection} made of test records, per test source: the alerts of every rule, the first
 * dead letter, and the classified events of each record (a record's sequence number is its index in the test). One
 * bounded job runs every test; sources keep them apart.
 */
final class Outcome {
    private final Map<String, Map<String, Integer>> alertsBySource = new HashMap<>();
    private final Map<String, DeadLetter> firstDeadLetterBySource = new HashMap<>();
    private final Map<String, Map<String, List<Event>>> eventsBySourceAndRecord = new HashMap<>();

    private Outcome() {}

    static Outcome of(StreamExecutionEnvironment env, List<Rule> rules, Map<String, List<byte[]>> recordsBySource)
            throws Exception {
        List<RawRecord> records = new ArrayList<>();
        recordsBySource.forEach((source, data) -> {
            for (int i = 0; i < data.size(); i++) {
                records.add(new RawRecord(source, "rule-test", null, Integer.toString(i), 0L, data.get(i)));
            }
        });
        StreamwardenConfig config = StreamwardenConfig.builder()
                .set(ConfigKeys.PROCESSING_PARALLELISM, 1)
                .buildUnchecked();
        DataStream<RawRecord> input = env.fromData(records, TypeInformation.of(RawRecord.class));
        Detection detection = Detection.define(input, config, rules);
        Outcome outcome = new Outcome();
        try (CloseableIterator<Alert> alerts = detection.alerts.collectAsync();
                CloseableIterator<DeadLetter> deadLetters = detection.deadLetters.collectAsync();
                CloseableIterator<Event> events = detection.events.collectAsync()) {
            env.execute("rule-tests");
            alerts.forEachRemaining(a -> outcome.alertsBySource
                    .computeIfAbsent(a.source, s -> new TreeMap<>())
                    .merge(a.rule, 1, Integer::sum));
            deadLetters.forEachRemaining(d -> outcome.firstDeadLetterBySource.putIfAbsent(d.envelope.source, d));
            events.forEachRemaining(e -> outcome.eventsBySourceAndRecord
                    .computeIfAbsent(e.envelope.source, s -> new HashMap<>())
                    .computeIfAbsent(e.envelope.sequenceNumber, n -> new ArrayList<>())
                    .add(e));
        }
        return outcome;
    }

    /** The alerts each rule raised on the source's records, by rule name. */
    Map<String, Integer> alerts(String source) {
        return alertsBySource.getOrDefault(source, Map.of());
    }

    /**
     * Why the source's {@code records} records did not all become events of the expected log type — a record
     * dead-lettered (at any stage, a rule's error included), a record that made no event, an event of another type
     * — or null when they all did.
     */
    String classificationProblem(String source, int records, ExpectedLogType expected) {
        DeadLetter dead = firstDeadLetterBySource.get(source);
        if (dead != null) {
            return "record " + dead.envelope.sequenceNumber + " was dead-lettered (" + dead.stage + ": " + dead.reason
                    + ")";
        }
        Map<String, List<Event>> byRecord = eventsBySourceAndRecord.getOrDefault(source, Map.of());
        for (int i = 0; i < records; i++) {
            List<Event> events = byRecord.getOrDefault(Integer.toString(i), List.of());
            if (events.isEmpty()) {
                return "record " + i + " made no event (nothing in it to classify)";
            }
            for (Event event : events) {
                String mismatch = expected.mismatch(event);
                if (mismatch != null) {
                    return "record " + i + " " + mismatch;
                }
            }
        }
        return null;
    }
}
