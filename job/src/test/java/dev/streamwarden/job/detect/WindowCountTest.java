package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Envelope;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RuleInput;
import dev.streamwarden.rules.VpcFlowPortScan;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** The port-scan rule (≥ 100 distinct rejected ports per source address within 60 s) on keyed state. */
class WindowCountTest {
    private static final List<Rule> RULES = List.of(new VpcFlowPortScan());
    private static final long T0 = 1_764_324_000_000L;
    private static final long HOUR = 3_600_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new WindowCount(RULES, Duration.ofMinutes(5), Duration.ofHours(2))),
                        RuleInput::partitionKey,
                        Types.STRING);
        harness.getExecutionConfig().disableGenericTypes();
        harness.setProcessingTime(0);
        return harness;
    }

    private static RuleInput probe(String source, String srcaddr, int port, long eventTime) {
        RuleInput input = new RuleInput();
        input.rule = "vpc_flow_port_scan";
        input.envelope = new Envelope();
        input.envelope.source = source;
        input.logType = "vpc_flow";
        input.key = "{\"srcaddr\":\"" + srcaddr + "\"}";
        input.value = Integer.toString(port);
        input.eventTime = eventTime;
        input.record = "{\"srcaddr\":\"" + srcaddr + "\",\"dstport\":" + port + "}";
        return input;
    }

    private static void scan(
            KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness,
            String source,
            String srcaddr,
            int fromPort,
            int toPort,
            long start)
            throws Exception {
        for (int port = fromPort; port < toPort; port++) {
            long t = start + (port - fromPort) * 300L;
            harness.processElement(new StreamRecord<>(probe(source, srcaddr, port, t), t));
        }
    }

    @Test
    void firesOncePerScannerPerWindowAndLeavesNoState() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            scan(harness, "flows", "198.51.100.23", 1, 151, T0);
            scan(harness, "flows", "198.51.100.23", 1, 40, T0 + 46_000);

            List<Alert> alerts = harness.extractOutputValues();
            assertEquals(1, alerts.size());
            Alert alert = alerts.get(0);
            assertEquals("vpc_flow_port_scan", alert.rule);
            assertEquals("{\"srcaddr\":\"198.51.100.23\"}", alert.mergeKey);
            assertEquals("flows", alert.source);
            assertEquals(100, alert.eventCount);
            assertEquals(T0, alert.firstSeen);
            assertEquals(T0 + 99 * 300L, alert.lastSeen);
            assertEquals(10, alert.records.length);

            // Nothing for the key for a window plus the allowed out-of-orderness: forgotten.
            harness.setProcessingTime(HOUR);
            assertEquals(0, harness.numKeyedStateEntries());
            assertEquals(0, harness.numProcessingTimeTimers());
        }
    }

    @Test
    void restoredMidWindowStillFiresOnce() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> before = harness()) {
            before.open();
            scan(before, "flows", "198.51.100.23", 1, 61, T0);
            assertEquals(0, before.extractOutputValues().size());
            snapshot = before.snapshot(1L, T0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> after = harness()) {
            after.initializeState(snapshot);
            after.open();
            // Ports 41..60 again (duplicates must not count twice), then 61..100.
            scan(after, "flows", "198.51.100.23", 41, 61, T0 + 18_000);
            assertEquals(0, after.extractOutputValues().size());
            scan(after, "flows", "198.51.100.23", 61, 101, T0 + 24_000);

            List<Alert> alerts = after.extractOutputValues();
            assertEquals(1, alerts.size());
            assertEquals(120, alerts.get(0).eventCount);
            assertEquals(T0, alerts.get(0).firstSeen);

            after.setProcessingTime(HOUR);
            assertEquals(0, after.numKeyedStateEntries());
        }
    }

    @Test
    void aScanTooSlowForTheWindowDoesNotFire() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            for (int port = 1; port <= 200; port++) {
                long t = T0 + port * 1_000L;
                harness.processElement(new StreamRecord<>(probe("flows", "198.51.100.9", port, t), t));
            }
            assertEquals(0, harness.extractOutputValues().size());
        }
    }

    @Test
    void sourcesAndAddressesCountSeparately() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            scan(harness, "flows-a", "198.51.100.23", 1, 61, T0);
            scan(harness, "flows-b", "198.51.100.23", 61, 121, T0);
            scan(harness, "flows-a", "198.51.100.24", 1, 99, T0);
            assertEquals(0, harness.extractOutputValues().size());

            scan(harness, "flows-b", "198.51.100.23", 1, 41, T0 + 20_000);
            List<String> keys = harness.extractOutputValues().stream()
                    .map(a -> a.source + " " + a.mergeKey)
                    .collect(Collectors.toList());
            assertEquals(List.of("flows-b {\"srcaddr\":\"198.51.100.23\"}"), keys);
        }
    }

    @Test
    void eventsOlderThanTheWindowAllowsAreIgnoredNotCounted() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            scan(harness, "flows", "198.51.100.23", 1, 90, T0 + 120_000);
            // 30 ports from two minutes earlier: outside any 60 s span with the events above.
            scan(harness, "flows", "198.51.100.23", 200, 230, T0);
            assertEquals(0, harness.extractOutputValues().size());
        }
    }

    @Test
    void aNewWindowAfterTheFirstFiresAgain() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            scan(harness, "flows", "198.51.100.23", 1, 101, T0);
            harness.processWatermark(new Watermark(T0 + 100_000));
            scan(harness, "flows", "198.51.100.23", 1, 101, T0 + 300_000);

            List<Alert> alerts = harness.extractOutputValues();
            assertEquals(2, alerts.size());
            assertEquals(T0 + 300_000, alerts.get(1).firstSeen);
        }
    }

    @Test
    void anInputTheStageFailsOnIsDeadLetteredAndTheOthersCount() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> harness = harness()) {
            harness.open();
            RuleInput orphan = probe("flows", "198.51.100.9", 22, T0);
            orphan.rule = "no_such_rule";
            orphan.envelope.origin = "shardId-000000000001";
            orphan.envelope.sequenceNumber = "4960";
            harness.processElement(new StreamRecord<>(orphan, T0));
            scan(harness, "flows", "198.51.100.23", 1, 151, T0);

            assertEquals(1, harness.extractOutputValues().size(), "the scan still fires");
            List<DeadLetter> dead = harness.getSideOutput(DeadLetter.TAG).stream()
                    .map(StreamRecord::getValue)
                    .collect(Collectors.toList());
            assertEquals(1, dead.size());
            assertEquals("detect", dead.get(0).stage);
            assertEquals("rule_error", dead.get(0).cause);
            assertEquals("4960", dead.get(0).envelope.sequenceNumber);
            assertEquals("shardId-000000000001", dead.get(0).envelope.origin);
            assertTrue(
                    dead.get(0).reason.startsWith("rule no_such_rule failed: java.lang.NullPointerException"),
                    dead.get(0).reason);
            assertEquals(orphan.record, new String(dead.get(0).data, java.nio.charset.StandardCharsets.UTF_8));
            KeyedProcessOperator<?, ?, ?> operator = (KeyedProcessOperator<?, ?, ?>) harness.getOperator();
            assertEquals(
                    1L,
                    operator.getUserFunction()
                            .getRuntimeContext()
                            .getAccumulator("rule_errors.no_such_rule")
                            .getLocalValue(),
                    "counted against the rule, as a stateless rule's failure is");
        }
    }
}
