package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class UnroutedOutputsTest {
    private static Alert alert(String... outputs) {
        Alert alert = new Alert();
        alert.id = "a";
        alert.rule = "guard_duty_all";
        alert.outputs = outputs;
        return alert;
    }

    private static List<String> unrouted(UnroutedOutputs function, Alert alert) throws Exception {
        try (OneInputStreamOperatorTestHarness<Alert, DeliveryResult> harness =
                ProcessFunctionTestHarnesses.forProcessFunction(function)) {
            harness.processElement(alert, 0L);
            return harness.extractOutputValues().stream()
                    .map(r -> r.output + ": " + r.error)
                    .collect(Collectors.toList());
        }
    }

    @Test
    void outputsWithoutADestinationBecomeFailedDeliveries() throws Exception {
        UnroutedOutputs namedOnly = new UnroutedOutputs(Set.of("slack:security"), false);
        assertEquals(
                List.of(
                        "slack:security-high: no destination configured for slack:security-high",
                        "webhook:siem: no destination configured for webhook:siem",
                        "pagerduty:oncall: no destination configured for pagerduty:oncall"),
                unrouted(
                        namedOnly,
                        alert("slack:security", "slack:security-high", "webhook:siem", "staging", "pagerduty:oncall")));

        UnroutedOutputs withDefault = new UnroutedOutputs(Set.of(), true);
        assertEquals(List.of(), unrouted(withDefault, alert("slack:anything", "staging")));
    }
}
