package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.api.Envelope;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.RuleInput;
import dev.streamwarden.rules.CloudTrailConsoleLoginNoMfaThenIamChange;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** A login without MFA, then an IAM change by the same user within an hour, on keyed state. */
class SequenceMatchTest {
    private static final List<Rule> RULES = List.of(new CloudTrailConsoleLoginNoMfaThenIamChange());
    private static final long T0 = 1_764_324_000_000L;
    private static final long MINUTE = 60_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(
                                new SequenceMatch(RULES, Duration.ofMinutes(5), Duration.ofHours(3))),
                        RuleInput::partitionKey,
                        Types.STRING);
        harness.getExecutionConfig().disableGenericTypes();
        harness.setProcessingTime(0);
        return harness;
    }

    /** Which of the rule's steps an event matches. */
    private enum Step {
        FIRST,
        SECOND,
        BOTH
    }

    private static StreamRecord<RuleInput> step(String user, Step steps, long time, String record) {
        RuleInput input = new RuleInput();
        input.rule = "cloudtrail_console_login_no_mfa_then_iam_change";
        input.envelope = new Envelope();
        input.envelope.source = "trail";
        input.logType = "cloudtrail";
        input.key = "{\"user_arn\":\"" + user + "\"}";
        input.firstStep = steps != Step.SECOND;
        input.secondStep = steps != Step.FIRST;
        input.eventTime = time;
        input.record = record;
        return new StreamRecord<>(input, time);
    }

    @Test
    void firesOncePerFirstStepAndLeavesNoState() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            harness.processElement(step("alice", Step.FIRST, T0, "{\"login\":1}"));
            harness.processElement(step("alice", Step.SECOND, T0 + 10 * MINUTE, "{\"change\":1}"));
            harness.processElement(step("alice", Step.SECOND, T0 + 20 * MINUTE, "{\"change\":2}"));

            List<Alert> alerts = harness.extractOutputValues();
            assertEquals(1, alerts.size());
            assertArrayEquals(new String[] {"{\"login\":1}", "{\"change\":1}"}, alerts.get(0).records);
            assertEquals(T0, alerts.get(0).firstSeen);
            assertEquals(T0 + 10 * MINUTE, alerts.get(0).lastSeen);
            assertEquals("{\"user_arn\":\"alice\"}", alerts.get(0).mergeKey);

            // Nothing for the key for the rule's time plus the allowed out-of-orderness: forgotten.
            harness.setProcessingTime(2 * 60 * MINUTE);
            assertEquals(0, harness.numKeyedStateEntries());
            assertEquals(0, harness.numProcessingTimeTimers());
        }
    }

    @Test
    void restoredMidSequenceStillFires() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> before = harness()) {
            before.open();
            before.processElement(step("alice", Step.FIRST, T0, "{\"login\":1}"));
            snapshot = before.snapshot(1L, T0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> after = harness()) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(step("alice", Step.SECOND, T0 + 30 * MINUTE, "{\"change\":1}"));
            assertEquals(1, after.extractOutputValues().size());
        }
    }

    @Test
    void aSecondStepArrivingFirstWaitsForItsFirstStep() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            harness.processElement(step("alice", Step.SECOND, T0 + 5 * MINUTE, "{\"change\":1}"));
            harness.processElement(step("alice", Step.FIRST, T0, "{\"login\":1}"));
            assertEquals(1, harness.extractOutputValues().size());
        }
    }

    @Test
    void tooLateOrOtherUserDoesNotFire() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            harness.processElement(step("alice", Step.FIRST, T0, "{}"));
            harness.processElement(step("bob", Step.SECOND, T0 + MINUTE, "{}"));
            harness.processElement(step("alice", Step.SECOND, T0 + 61 * MINUTE, "{}"));
            assertEquals(0, harness.extractOutputValues().size());
        }
    }
}
