package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Rule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.testing.SampleAlerts;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StageAlertsTest {
    static final class NewRule extends MatchRule {
        private static final long serialVersionUID = 1L;

        NewRule() {
            super(RuleSpec.of("new_rule", Severity.LOW, "being tried", "cloudtrail")
                    .withOutputs("slack:security")
                    .staged());
        }

        @Override
        public boolean matches(Event event) {
            return true;
        }
    }

    private static Alert alert(String rule) {
        Alert a = SampleAlerts.alert("a");
        a.rule = rule;
        a.outputs = new String[] {"slack:security"};
        return a;
    }

    @Test
    void stagedRulesGoOnlyToStagingUntilPromotedByConfiguration() {
        List<Rule> rules = List.of(new NewRule());
        assertArrayEquals(
                new String[] {"staging"}, new StageAlerts(rules, java.util.Set.of()).map(alert("new_rule")).outputs);
        assertArrayEquals(
                new String[] {"slack:security"},
                new StageAlerts(rules, java.util.Set.of()).map(alert("other_rule")).outputs);

        Properties promoted = new Properties();
        promoted.setProperty("promoted", "new_rule, another");
        Properties kinesis = new Properties();
        kinesis.setProperty("stream", "s");
        Properties output = new Properties();
        output.setProperty("lake", "l");
        output.setProperty("alerts", "a");
        output.setProperty("dead-letter", "d");
        StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(
                Map.of("rules", promoted, "kinesis", kinesis, "output", output), Map.of());
        assertArrayEquals(
                new String[] {"slack:security"},
                new StageAlerts(rules, config.promotedRules()).map(alert("new_rule")).outputs);
    }
}
