package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ClassifyEvents;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The classify stage survives whatever its schemas do with hostile input: here a backtracking regular expression
 * that overflows the stack on a long line (a real hazard of regex log formats) becomes that line's dead letter, or,
 * when another candidate reads the line, costs nothing; and a batch element unlike its siblings is dead-lettered
 * alone.
 */
class ClassifyStageIsolationTest {
    private static final RawRecord RECORD = new RawRecord("s", "shardId-0", "pk", "4961", 1_000L, null);

    private static Classifier classifier(String yaml) {
        List<LogSchema> schemas = TestSchemas.logTypes(yaml);
        return new Classifier(new SchemaRegistry(schemas, Map.of()));
    }

    private static List<DeadLetter> deadLetters(OneInputStreamOperatorTestHarness<RawEvent, Event> harness) {
        return harness.getSideOutput(DeadLetter.TAG) == null
                ? List.of()
                : harness.getSideOutput(DeadLetter.TAG).stream()
                        .map(StreamRecord::getValue)
                        .collect(Collectors.toList());
    }

    @Test
    void aCandidateThatFailsDoesNotKeepTheLineFromTheNext() throws Exception {
        Classifier classifier = classifier("  ab:\n    parser: regex\n    pattern: '((?:a|b)*)c'\n"
                + "    fields: {letters: string}\n  as:\n    parser: regex\n    pattern: '(a+)c'\n"
                + "    fields: {letters: string}\n");
        try (OneInputStreamOperatorTestHarness<RawEvent, Event> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ClassifyEvents(classifier))) {
            harness.processElement(new StreamRecord<>(RawEvent.from(RECORD, "a".repeat(1_000_000) + "c")));

            List<Event> events = harness.extractOutputValues();
            assertEquals(List.of("as"), events.stream().map(e -> e.logType).collect(Collectors.toList()));
            assertEquals(1_000_000, events.get(0).text("letters").length());
            assertEquals(List.of(), deadLetters(harness));
        }
    }

    @Test
    void aBatchElementUnlikeItsSiblingsIsDeadLetteredAlone() throws Exception {
        Classifier classifier = classifier("  finding:\n    parser: json\n    json_path: 'Findings[*]'\n"
                + "    fields: {Id: string, Severity: integer}\n");
        String batch = "{\"Findings\":[{\"Id\":\"a\",\"Severity\":3},{\"Other\":1},{\"Id\":\"c\",\"Severity\":8}]}";
        try (OneInputStreamOperatorTestHarness<RawEvent, Event> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ClassifyEvents(classifier))) {
            harness.processElement(new StreamRecord<>(RawEvent.from(RECORD, batch)));

            assertEquals(
                    List.of("a", "c"),
                    harness.extractOutputValues().stream()
                            .map(e -> e.text("Id"))
                            .collect(Collectors.toList()));
            List<DeadLetter> dead = deadLetters(harness);
            assertEquals(1, dead.size());
            assertEquals("no_log_type", dead.get(0).cause);
            assertEquals("record 2 of 3 in the batch: finding: missing required key Id", dead.get(0).reason);
            assertEquals("{\"Other\":1}", new String(dead.get(0).data, StandardCharsets.UTF_8));
            assertEquals("4961", dead.get(0).envelope.sequenceNumber);
            RuntimeContext context = ((ProcessOperator<?, ?>) harness.getOperator())
                    .getUserFunction()
                    .getRuntimeContext();
            assertEquals(2L, context.getAccumulator("events.finding").getLocalValue());
            assertEquals(
                    (long) batch.length(),
                    context.getAccumulator("bytes.finding").getLocalValue(),
                    "the raw event's size once, not once per record it held");
            assertEquals(1L, context.getAccumulator("classify_failed.finding").getLocalValue());
        }
    }

    @Test
    void aLineThatOverflowsTheStackIsDeadLetteredAndTheNextIsClassified() throws Exception {
        Classifier classifier = classifier(
                "  ab:\n    parser: regex\n    pattern: '((?:a|b)*)c'\n" + "    fields: {letters: string}\n");
        try (OneInputStreamOperatorTestHarness<RawEvent, Event> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ClassifyEvents(classifier))) {
            RawRecord record = new RawRecord("s", "shardId-0", "pk", "4961", 1_000L, null);
            harness.processElement(new StreamRecord<>(RawEvent.from(record, "a".repeat(1_000_000) + "c")));
            harness.processElement(new StreamRecord<>(RawEvent.from(record, "abc")));

            List<Event> events = harness.extractOutputValues();
            assertEquals(1, events.size());
            assertEquals("ab", events.get(0).text("letters"));
            List<DeadLetter> dead = harness.getSideOutput(DeadLetter.TAG).stream()
                    .map(StreamRecord::getValue)
                    .collect(Collectors.toList());
            assertEquals(1, dead.size());
            assertEquals("classify", dead.get(0).stage);
            assertEquals("exception", dead.get(0).cause);
            assertEquals("4961", dead.get(0).envelope.sequenceNumber);
            assertTrue(dead.get(0).reason.startsWith("java.lang.StackOverflowError"), dead.get(0).reason);
            assertEquals(1_000_001, dead.get(0).data.length, "the original bytes");
        }
    }
}
