package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.ClassifyEvents;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/**
 * The classify stage survives whatever its schemas do with hostile input: here a backtracking regular expression
 * that overflows the stack on a long line (a real hazard of regex log formats) becomes that line's dead letter.
 */
class ClassifyStageIsolationTest {
    @Test
    void aLineThatOverflowsTheStackIsDeadLetteredAndTheNextIsClassified() throws Exception {
        List<LogSchema> schemas = SchemaLoader.load("schemas/test.yaml", new ByteArrayInputStream(
                ("log_types:\n  ab:\n    parser: regex\n    pattern: '((?:a|b)*)c'\n    fields: {letters: string}\n")
                        .getBytes(StandardCharsets.UTF_8)), new HashMap<>());
        Classifier classifier = new Classifier(new SchemaRegistry(schemas, Map.of()));
        try (OneInputStreamOperatorTestHarness<RawEvent, Event> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new ClassifyEvents(classifier))) {
            RawRecord record = new RawRecord("s", "shardId-0", "pk", "4961", 1_000L, null);
            harness.processElement(new StreamRecord<>(RawEvent.from(record, "a".repeat(1_000_000) + "c")));
            harness.processElement(new StreamRecord<>(RawEvent.from(record, "abc")));

            List<Event> events = harness.extractOutputValues();
            assertEquals(1, events.size());
            assertEquals("ab", events.get(0).text("letters"));
            List<DeadLetter> dead = harness.getSideOutput(DeadLetter.TAG).stream().map(StreamRecord::getValue)
                    .collect(Collectors.toList());
            assertEquals(1, dead.size());
            assertEquals("classify", dead.get(0).stage);
            assertEquals("exception", dead.get(0).cause);
            assertEquals("4961", dead.get(0).sequenceNumber);
            assertTrue(dead.get(0).reason.startsWith("java.lang.StackOverflowError"), dead.get(0).reason);
            assertEquals(1_000_001, dead.get(0).data.length, "the original bytes");
        }
    }
}
