package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.testing.SampleAlerts;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class DeduplicateAlertsTest {
    private static final long HORIZON = Duration.ofHours(24).toMillis();

    private static KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness() throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DeduplicateAlerts(Duration.ofMillis(HORIZON))),
                        alert -> alert.id,
                        Types.STRING);
        harness.getExecutionConfig().disableGenericTypes();
        return harness;
    }

    private static StreamRecord<Alert> alert(String id) {
        return new StreamRecord<>(SampleAlerts.alert(id), 0L);
    }

    private static List<String> ids(KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness) {
        return harness.extractOutputValues().stream().map(a -> a.id).collect(Collectors.toList());
    }

    @Test
    void anIdSeenWithinTheHorizonIsNotPassedOnAgain() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness = harness()) {
            harness.open();
            harness.setStateTtlProcessingTime(0);
            harness.processElement(alert("a"));
            harness.processElement(alert("b"));
            harness.processElement(alert("a"));
            harness.setStateTtlProcessingTime(HORIZON - 1);
            harness.processElement(alert("b"));
            assertEquals(List.of("a", "b"), ids(harness));

            harness.setStateTtlProcessingTime(HORIZON + 1);
            harness.processElement(alert("a"));
            assertEquals(List.of("a", "b", "a"), ids(harness), "outside the horizon the id is new again");
        }
    }

    @Test
    void seenIdsAndTheirAgeSurviveARestoreFromASnapshot() throws Exception {
        OperatorSubtaskState snapshot;
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> harness = harness()) {
            harness.open();
            harness.setStateTtlProcessingTime(1_000);
            harness.processElement(alert("before-the-checkpoint"));
            snapshot = harness.snapshot(1L, 1L);
            harness.processElement(alert("after-the-checkpoint"));
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, Alert, Alert> restored = harness()) {
            restored.initializeState(snapshot);
            restored.open();
            restored.setStateTtlProcessingTime(2_000);
            // The source replays everything after the checkpoint: what was emitted before it stays suppressed.
            restored.processElement(alert("before-the-checkpoint"));
            restored.processElement(alert("after-the-checkpoint"));
            assertEquals(List.of("after-the-checkpoint"), ids(restored));

            restored.setStateTtlProcessingTime(1_000 + HORIZON + 1);
            restored.processElement(alert("before-the-checkpoint"));
            assertEquals(
                    List.of("after-the-checkpoint", "before-the-checkpoint"),
                    ids(restored),
                    "the horizon counts from the first sighting, not from the restore");
        }
    }
}
