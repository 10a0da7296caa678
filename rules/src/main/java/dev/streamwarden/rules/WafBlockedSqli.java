package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.time.Duration;

/**
 * AWS WAF blocked a request as SQL injection: the action is {@code BLOCK} and the terminating rule is a SQL
 * injection match (a {@code terminatingRuleMatchDetails} entry of condition type {@code SQL_INJECTION}) or is named
 * for one ("SQLi", any case, in the terminating rule id, e.g. AWS-AWSManagedRulesSQLiRuleSet, or in the id of the
 * rule that terminated inside a rule group, e.g. SQLi_QUERYARGUMENTS). The request was stopped; the alert shows who
 * is probing the application. A scanner such as sqlmap sends hundreds of such requests: the alerts of one client
 * against one web ACL within 15 minutes are merged (the first is sent at once, a summary when the window closes).
 */
public final class WafBlockedSqli extends MatchRule {
    private static final long serialVersionUID = 1L;
    /** How long one client's blocked injections against one web ACL make one alert. */
    public static final Duration MERGE_WINDOW = Duration.ofMinutes(15);

    public WafBlockedSqli() {
        super(RuleSpec.of(
                        "waf_blocked_sqli",
                        Severity.LOW,
                        "AWS WAF blocked a SQL injection attempt. Check whether the client keeps probing and whether "
                                + "similar requests got through other paths.",
                        "waf")
                .withMerge(MERGE_WINDOW, "src_addr", "webaclId"));
    }

    @Override
    public boolean matches(Event event) {
        if (!"BLOCK".equals(event.text("action"))) {
            return false;
        }
        return Matchers.containsIgnoreCase(event.text("terminatingRuleId"), "sqli")
                || Matchers.anyNode(
                        event.at("terminatingRuleMatchDetails"),
                        node -> "SQL_INJECTION"
                                .equals(node.path("conditionType").asText(null)))
                || Matchers.anyNode(
                        event.at("ruleGroupList"),
                        node -> Matchers.containsIgnoreCase(
                                node.path("terminatingRule").path("ruleId").asText(null), "sqli"));
    }
}
