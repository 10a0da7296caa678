package dev.streamwarden.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Rule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import dev.streamwarden.job.config.ConfigException;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.rules.RuleCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnabledRulesTest {
    @Test
    void configurationSwitchesRulesOffAndRejectsUnknownNames() {
        StreamwardenConfig config = new StreamwardenConfig();
        config.disabledRules.add("ssh_brute_force");
        assertEquals(
                RuleCatalog.all().size() - 1,
                StreamwardenJob.enabledRules(config).size());
        assertFalse(StreamwardenJob.enabledRules(config).stream()
                .anyMatch(r -> r.name().equals("ssh_brute_force")));

        config.disabledRules.add("no_such_rule");
        assertEquals(
                "rules.disabled: no rule named no_such_rule",
                assertThrows(ConfigException.class, () -> StreamwardenJob.enabledRules(config))
                        .getMessage());

        StreamwardenConfig promoting = new StreamwardenConfig();
        promoting.promotedRules.add("typo_rule");
        assertEquals(
                "rules.promoted: no rule named typo_rule",
                assertThrows(ConfigException.class, () -> StreamwardenJob.enabledRules(promoting))
                        .getMessage());
    }

    @Test
    void outputsMustExist() {
        StreamwardenConfig noSlack = new StreamwardenConfig();
        StreamwardenJob.checkOutputs(RuleCatalog.all(), noSlack);

        StreamwardenConfig onlySecurity = new StreamwardenConfig().withSlackWebhook("security", "https://x/1");
        assertEquals(
                "rule cloudtrail_root_account_usage sends to slack:default, which has no webhook "
                        + "(slack.outputs.default or slack.webhook-url)",
                assertThrows(ConfigException.class, () -> StreamwardenJob.checkOutputs(RuleCatalog.all(), onlySecurity))
                        .getMessage());

        StreamwardenConfig withDefault = new StreamwardenConfig().withSlackWebhookUrl("https://x/0");
        StreamwardenJob.checkOutputs(RuleCatalog.all(), withDefault);

        Rule typo = new NeverMatches(
                RuleSpec.of("typo_rule", Severity.LOW, "d", "cloudtrail").withOutputs("slak:security"));
        assertEquals(
                "rule typo_rule sends to 'slak:security', which is not an output (outputs are slack:NAME, "
                        + "webhook:NAME or staging)",
                assertThrows(ConfigException.class, () -> StreamwardenJob.checkOutputs(List.of(typo), withDefault))
                        .getMessage());
    }

    @Test
    void dynamicOutputsAreCheckedWithTheStaticOnes() {
        StreamwardenConfig noHighChannel = new StreamwardenConfig()
                .withSlackWebhook("default", "https://x/0")
                .withSlackWebhook("security", "https://x/1");
        assertEquals(
                "rule guard_duty_all may send to slack:security-high, which has no webhook "
                        + "(slack.outputs.security-high or slack.webhook-url)",
                assertThrows(
                                ConfigException.class,
                                () -> StreamwardenJob.checkOutputs(RuleCatalog.all(), noHighChannel))
                        .getMessage());
        StreamwardenJob.checkOutputs(RuleCatalog.all(), noHighChannel.withSlackWebhook("security-high", "https://x/2"));

        Rule pager = new NeverMatches(
                RuleSpec.of("paging_rule", Severity.LOW, "d", "cloudtrail").withDynamicOutputs("webhook:pager"));
        assertEquals(
                "rule paging_rule may send to webhook:pager, which has no URL (webhook.outputs.pager)",
                assertThrows(ConfigException.class, () -> StreamwardenJob.checkOutputs(List.of(pager), noHighChannel))
                        .getMessage());
        Rule typo = new NeverMatches(
                RuleSpec.of("typo_rule", Severity.LOW, "d", "cloudtrail").withDynamicOutputs("pagerduty:oncall"));
        assertEquals(
                "rule typo_rule may send to 'pagerduty:oncall', which is not an output (outputs are "
                        + "slack:NAME, webhook:NAME or staging)",
                assertThrows(ConfigException.class, () -> StreamwardenJob.checkOutputs(List.of(typo), noHighChannel))
                        .getMessage());
    }

    /** A rule whose outputs are the point of the test. */
    static final class NeverMatches extends MatchRule {
        private static final long serialVersionUID = 1L;

        NeverMatches(RuleSpec spec) {
            super(spec);
        }

        @Override
        public boolean matches(Event event) {
            return false;
        }
    }
}
