package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.api.Envelope;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

/** Outputs a rule picks per event are used when declared; an undeclared one is dead-lettered, never silent. */
class DynamicOutputsTest {
    /** Sends every event to the output its record's "route" field names, declaring only slack:security-high. */
    static final class Routing extends MatchRule {
        private static final long serialVersionUID = 1L;

        Routing() {
            super(RuleSpec.of("routing_rule", Severity.HIGH, "routes by record", "cloudtrail")
                    .withOutputs("slack:security")
                    .withDynamicOutputs("slack:security-high"));
        }

        @Override
        public boolean matches(Event event) {
            return true;
        }

        @Override
        public List<String> dynamicOutputs(Event event) {
            return List.of(event.text("route"));
        }
    }

    private static Event event(String route) {
        Event e = new Event();
        e.logType = "cloudtrail";
        e.envelope = new Envelope();
        e.envelope.source = "stream-a";
        e.envelope.sequenceNumber = route;
        e.record = "{\"route\":\"" + route + "\"}";
        e.eventTime = 1_000L;
        return e;
    }

    @Test
    void declaredOutputsAreAddedAndUndeclaredOnesDeadLetteredWhileTheAlertGoesOut() throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Alert> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new MatchRules(List.of(new Routing())))) {
            harness.processElement(event("slack:security-high"), 1_000L);
            harness.processElement(event("slack:typo"), 1_000L);

            List<String> outputs = harness.extractOutputValues().stream()
                    .map(a -> String.join(",", a.outputs))
                    .collect(Collectors.toList());
            assertEquals(List.of("slack:security,slack:security-high", "slack:security"), outputs);
            List<String> dead = harness.getSideOutput(DeadLetter.TAG).stream()
                    .map(StreamRecord::getValue)
                    .map(d -> d.stage + " " + d.envelope.sequenceNumber + ": " + d.reason)
                    .collect(Collectors.toList());
            assertEquals(
                    List.of("detect slack:typo: rule routing_rule failed: "
                            + "dev.streamwarden.job.detect.UndeclaredOutputException: dynamic outputs [slack:typo] are not "
                            + "declared (RuleSpec.withDynamicOutputs); the alert went to its declared outputs only"),
                    dead);
        }
    }
}
