package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class MatchRulesTest {
    /** Matches every event of its log type. */
    static final class Always extends MatchRule {
        private static final long serialVersionUID = 1L;

        Always(String name, String logType) {
            super(RuleSpec.of(name, Severity.LOW, "matches everything", logType));
        }

        @Override
        public boolean matches(Event event) {
            return true;
        }
    }

    /** Throws on every event, like a rule with a bug. */
    static final class Broken extends MatchRule {
        private static final long serialVersionUID = 1L;

        Broken() {
            super(RuleSpec.of("broken_rule", Severity.HIGH, "throws", "cloudtrail"));
        }

        @Override
        public boolean matches(Event event) {
            return event.text("no.such.key").isEmpty();
        }
    }

    private static Event event(String logType, String record) {
        Event e = new Event();
        e.logType = logType;
        e.source = "stream-a";
        e.record = record;
        e.eventTime = 1_000L;
        return e;
    }

    @Test
    void aThrowingRuleIsDeadLetteredAndTheOthersStillRun() throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Alert> harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new MatchRules(List.of(new Broken(), new Always("always_cloudtrail", "cloudtrail"))))) {
            harness.processElement(event("cloudtrail", "{\"eventName\":\"A\"}"), 1_000L);
            harness.processElement(event("cloudtrail", "{\"eventName\":\"B\"}"), 1_000L);

            List<Alert> alerts = harness.extractOutputValues();
            assertEquals(2, alerts.size());
            assertEquals("always_cloudtrail", alerts.get(0).rule);
            List<DeadLetter> dead = harness.getSideOutput(DeadLetter.TAG).stream()
                    .map(StreamRecord::getValue).collect(Collectors.toList());
            assertEquals(2, dead.size());
            assertEquals("detect", dead.get(0).stage);
            assertTrue(dead.get(0).reason.startsWith("rule broken_rule threw NullPointerException"),
                    dead.get(0).reason);
        }
    }

    @Test
    void eventsAreOfferedOnlyToRulesOfTheirLogType() throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Alert> harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new MatchRules(List.of(new Always("flows_only", "vpc_flow"), new Broken())))) {
            harness.processElement(event("vpc_flow", "{}"), 1_000L);

            assertEquals(List.of("flows_only"),
                    harness.extractOutputValues().stream().map(a -> a.rule).collect(Collectors.toList()));
            assertEquals(null, harness.getSideOutput(DeadLetter.TAG));
        }
    }

    @Test
    void alertIdsAreDeterministic() throws Exception {
        String first;
        try (OneInputStreamOperatorTestHarness<Event, Alert> harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new MatchRules(List.of(new Always("always_cloudtrail", "cloudtrail"))))) {
            harness.processElement(event("cloudtrail", "{\"eventID\":\"1\"}"), 1_000L);
            harness.processElement(event("cloudtrail", "{\"eventID\":\"2\"}"), 1_000L);
            harness.processElement(event("cloudtrail", "{\"eventID\":\"1\"}"), 1_000L);
            List<String> ids = harness.extractOutputValues().stream().map(a -> a.id).collect(Collectors.toList());
            assertEquals(ids.get(0), ids.get(2));
            assertTrue(!ids.get(0).equals(ids.get(1)));
            first = ids.get(0);
        }
        assertEquals(32, first.length());
    }
}
