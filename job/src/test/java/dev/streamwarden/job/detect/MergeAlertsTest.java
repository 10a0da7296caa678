package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.testing.SampleAlerts;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class MergeAlertsTest {
    private static final long T0 = 1_764_324_000_000L;
    private static final long HOUR = 3_600_000L;

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new MergeAlerts(Duration.ofHours(3))),
                        Alert::mergeGroup,
                        Types.STRING);
        harness.getExecutionConfig().disableGenericTypes();
        return harness;
    }

    private static StreamRecord<Alert> alert(String key, long time, long window) {
        Alert a = SampleAlerts.alert(key + time);
        a.rule = "guard_duty_all";
        a.source = "events";
        a.description = "finding";
        a.mergeKey = "{\"type\":\"" + key + "\"}";
        a.records = new String[] {"{\"t\":" + time + "}"};
        a.firstSeen = time;
        a.lastSeen = time;
        a.mergeWindow = window;
        return new StreamRecord<>(a, time);
    }

    @Test
    void firstAlertAtOnceTheRestSummarizedWhenTheWindowCloses() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness = harness()) {
            harness.open();
            harness.processElement(alert("recon", T0, HOUR));
            assertEquals(1, harness.extractOutputValues().size(), "the first alert is not held back");
            harness.processElement(alert("recon", T0 + 60_000, HOUR));
            harness.processElement(alert("recon", T0 + 120_000, HOUR));
            harness.processElement(alert("other", T0 + 130_000, HOUR));
            assertEquals(2, harness.extractOutputValues().size(), "a new group's first alert goes out too");

            harness.processWatermark(new Watermark(T0 + HOUR));
            List<Alert> out = harness.extractOutputValues();
            assertEquals(3, out.size());
            Alert summary = out.get(2);
            assertEquals(2, summary.alertCount);
            assertEquals(2, summary.eventCount);
            assertEquals(T0 + 120_000, summary.lastSeen);
            assertEquals(2, summary.records.length);
            assertTrue(summary.description.endsWith("(2 more alerts merged since the first)"), summary.description);

            harness.processWatermark(new Watermark(T0 + 3 * HOUR));
            assertEquals(0, harness.numKeyedStateEntries());
        }
    }

    @Test
    void alertsWithoutAMergeWindowPassStraightThrough() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness = harness()) {
            harness.open();
            harness.processElement(alert("recon", T0, 0));
            harness.processElement(alert("recon", T0 + 1, 0));
            assertEquals(2, harness.extractOutputValues().size());
            assertEquals(0, harness.numKeyedStateEntries());
        }
    }

    @Test
    void restoredMidWindowStillSummarizes() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> before = harness()) {
            before.open();
            before.processElement(alert("recon", T0, HOUR));
            before.processElement(alert("recon", T0 + 1_000, HOUR));
            snapshot = before.snapshot(1L, T0);
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> after = harness()) {
            after.initializeState(snapshot);
            after.open();
            after.processElement(alert("recon", T0 + 2_000, HOUR));
            after.processWatermark(new Watermark(T0 + HOUR));
            List<Alert> out = after.extractOutputValues();
            assertEquals(1, out.size(), "only the summary: the first alert went out before the snapshot");
            assertEquals(2, out.get(0).alertCount);
        }
    }
}
