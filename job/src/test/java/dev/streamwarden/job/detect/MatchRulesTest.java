package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        e.envelope = new Envelope();
        e.envelope.source = "stream-a";
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
                    .map(StreamRecord::getValue)
                    .collect(Collectors.toList());
            assertEquals(2, dead.size());
            assertEquals("detect", dead.get(0).stage);
            assertEquals("rule_error", dead.get(0).cause);
            assertTrue(
                    dead.get(0).reason.startsWith("rule broken_rule failed: java.lang.NullPointerException: "),
                    dead.get(0).reason);
        }
    }

    @Test
    void eventsAreOfferedOnlyToRulesOfTheirLogType() throws Exception {
        try (OneInputStreamOperatorTestHarness<Event, Alert> harness = ProcessFunctionTestHarnesses.forProcessFunction(
                new MatchRules(List.of(new Always("flows_only", "vpc_flow"), new Broken())))) {
            harness.processElement(event("vpc_flow", "{}"), 1_000L);

            assertEquals(
                    List.of("flows_only"),
                    harness.extractOutputValues().stream().map(a -> a.rule).collect(Collectors.toList()));
            assertEquals(null, harness.getSideOutput(DeadLetter.TAG));
        }
    }

    /** Matches everything it is offered; what it is offered is decided by its spec. */
    static final class Offered extends MatchRule {
        private static final long serialVersionUID = 1L;

        Offered(RuleSpec spec) {
            super(spec);
        }

        @Override
        public boolean matches(Event event) {
            return true;
        }
    }

    @Test
    void requiredSubkeysMatchersAndNormalizedFieldsDecideWhatARuleSees() throws Exception {
        Offered subkeys = new Offered(
                RuleSpec.of("needs_identity", Severity.LOW, "d", "cloudtrail").withRequiredSubkeys("userIdentity.arn"));
        Offered matcher = new Offered(RuleSpec.of("prod_only", Severity.LOW, "d", "cloudtrail")
                .withMatchers(dev.streamwarden.api.Matcher.of(
                        "production account", e -> "111111111111".equals(e.text("recipientAccountId")))));
        Offered anyLog = new Offered(RuleSpec.forNormalized("has_source_address", Severity.LOW, "d", "src_addr"));
        try (OneInputStreamOperatorTestHarness<Event, Alert> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(new MatchRules(List.of(subkeys, matcher, anyLog)))) {
            harness.processElement(
                    event(
                            "cloudtrail",
                            "{\"userIdentity\":{\"arn\":\"a\"}," + "\"recipientAccountId\":\"111111111111\"}"),
                    1_000L);
            harness.processElement(event("cloudtrail", "{\"userIdentity\":{},\"recipientAccountId\":\"2\"}"), 1_000L);
            Event flow = event("vpc_flow", "{}");
            flow.normalized.srcAddr = "10.0.0.1";
            harness.processElement(flow, 1_000L);
            harness.processElement(event("waf", "{}"), 1_000L);

            assertEquals(
                    List.of("needs_identity", "prod_only", "has_source_address"),
                    harness.extractOutputValues().stream().map(a -> a.rule).collect(Collectors.toList()));
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
            List<String> ids =
                    harness.extractOutputValues().stream().map(a -> a.id).collect(Collectors.toList());
            assertEquals(ids.get(0), ids.get(2));
            assertTrue(!ids.get(0).equals(ids.get(1)));
            first = ids.get(0);
        }
        assertEquals(32, first.length());
    }
}
