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
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.rules.RuleCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnabledRulesTest {
    @Test
    void configurationSwitchesRulesOffAndRejectsUnknownNames() {
        StreamwardenConfig config = StreamwardenConfig.builder()
                .set(ConfigKeys.RULES_DISABLED, List.of("ssh_brute_force"))
                .buildUnchecked();
        assertEquals(
                RuleCatalog.all().size() - 1,
                StreamwardenJob.enabledRules(config).size());
        assertFalse(StreamwardenJob.enabledRules(config).stream()
                .anyMatch(r -> r.name().equals("ssh_brute_force")));

        StreamwardenConfig typo = StreamwardenConfig.builder()
                .set(ConfigKeys.RULES_DISABLED, List.of("ssh_brute_force", "no_such_rule"))
                .buildUnchecked();
        assertEquals(
                "rules.disabled: no rule named no_such_rule",
                assertThrows(ConfigException.class, () -> StreamwardenJob.enabledRules(typo))
                        .getMessage());

        StreamwardenConfig promoting = StreamwardenConfig.builder()
                .set(ConfigKeys.RULES_PROMOTED, List.of("typo_rule"))
                .buildUnchecked();
        assertEquals(
                "rules.promoted: no rule named typo_rule",
                assertThrows(ConfigException.class, () -> StreamwardenJob.enabledRules(promoting))
                        .getMessage());
    }

    @Test
    void outputsMustExist() {
        StreamwardenConfig noSlack = StreamwardenConfig.builder().buildUnchecked();
        StreamwardenJob.checkOutputs(RuleCatalog.all(), noSlack);

        StreamwardenConfig onlySecurity = StreamwardenConfig.builder()
                .slackWebhook("security", "https://x/1")
                .buildUnchecked();
        // One line per missing output, all of them at once.
        assertEquals(
                List.of(
                        "rule cloudtrail_root_account_usage sends to slack:default, which has no webhook "
                                + "(slack.outputs.default or slack.webhook-url) (and 27 more rules)",
                        "rule guard_duty_all may send to slack:security-high, which has no webhook "
                                + "(slack.outputs.security-high or slack.webhook-url)"),
                assertThrows(ConfigException.class, () -> StreamwardenJob.checkOutputs(RuleCatalog.all(), onlySecurity))
                        .problems());

        StreamwardenConfig withDefault = StreamwardenConfig.builder()
                .set(ConfigKeys.SLACK_WEBHOOK_URL, "https://x/0")
                .buildUnchecked();
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
        StreamwardenConfig.Builder twoChannels = StreamwardenConfig.builder()
                .slackWebhook("default", "https://x/0")
                .slackWebhook("security", "https://x/1");
        StreamwardenConfig noHighChannel = twoChannels.buildUnchecked();
        assertEquals(
                "rule guard_duty_all may send to slack:security-high, which has no webhook "
                        + "(slack.outputs.security-high or slack.webhook-url)",
                assertThrows(
                                ConfigException.class,
                                () -> StreamwardenJob.checkOutputs(RuleCatalog.all(), noHighChannel))
                        .getMessage());
        StreamwardenJob.checkOutputs(
                RuleCatalog.all(),
                twoChannels.slackWebhook("security-high", "https://x/2").buildUnchecked());

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
