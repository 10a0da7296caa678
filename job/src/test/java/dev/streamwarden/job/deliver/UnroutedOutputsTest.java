package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import dev.streamwarden.job.testing.SampleAlerts;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.Test;

class UnroutedOutputsTest {
    private static Alert alert(String... outputs) {
        Alert alert = SampleAlerts.alert("a");
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
        UnroutedOutputs namedOnly = new UnroutedOutputs(OutputRoutes.of(StreamwardenConfig.builder()
                .slackWebhook("security", "https://hooks.slack.com/1")
                .buildUnchecked()));
        assertEquals(
                List.of(
                        "slack:security-high: no destination configured for slack:security-high",
                        "webhook:siem: no destination configured for webhook:siem",
                        "pagerduty:oncall: no destination configured for pagerduty:oncall"),
                unrouted(
                        namedOnly,
                        alert("slack:security", "slack:security-high", "webhook:siem", "staging", "pagerduty:oncall")));

        UnroutedOutputs withDefault = new UnroutedOutputs(OutputRoutes.of(StreamwardenConfig.builder()
                .set(ConfigKeys.SLACK_WEBHOOK_URL, "https://hooks.slack.com/0")
                .buildUnchecked()));
        assertEquals(List.of(), unrouted(withDefault, alert("slack:anything", "staging")));
    }

    @Test
    void routesAreOnePerDestinationInAFixedOrderWithStableUids() {
        OutputRoutes routes = OutputRoutes.of(StreamwardenConfig.builder()
                .webhook("siem", "https://siem.example/in", null)
                .slackBot("oncall", "xoxb-1", "#oncall")
                .slackWebhook("security", "https://hooks.slack.com/1")
                .set(ConfigKeys.SLACK_WEBHOOK_URL, "https://hooks.slack.com/0")
                .buildUnchecked());

        assertEquals(
                List.of(
                        "SLACK_WEBHOOK slack:security slack-security",
                        "SLACK_BOT slack:oncall slack-bot-oncall",
                        "SLACK_DEFAULT slack:default slack",
                        "WEBHOOK webhook:siem webhook-siem"),
                routes.routes().stream()
                        .map(r -> r.kind + " " + r.output + " " + r.uid)
                        .collect(Collectors.toList()));
        assertEquals(null, routes.problem("slack:anything"), "the default webhook serves it");
        assertEquals("webhook:soar, which has no URL (webhook.outputs.soar)", routes.problem("webhook:soar"));
        assertEquals(
                "'pagerduty:oncall', which is not an output (outputs are slack:NAME, webhook:NAME or staging)",
                routes.problem("pagerduty:oncall"));
    }
}
