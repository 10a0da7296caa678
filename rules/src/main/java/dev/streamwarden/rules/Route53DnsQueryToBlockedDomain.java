package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * Route 53 Resolver DNS Firewall blocked a query ({@code firewall_rule_action} is {@code BLOCK}): a workload tried
 * to resolve a domain on a block list, often the first sign of malware calling home. Queries the firewall only
 * logged ({@code ALERT}) or allowed do not alert.
 */
public final class Route53DnsQueryToBlockedDomain extends MatchRule {
    private static final long serialVersionUID = 1L;

    public Route53DnsQueryToBlockedDomain() {
        super(RuleSpec.of(
                "route53_dns_query_to_blocked_domain",
                Severity.MEDIUM,
                "Route 53 Resolver DNS Firewall blocked a DNS query for a listed domain. Find the instance behind "
                        + "the source address and what made it look the domain up.",
                "route53_resolver"));
    }

    @Override
    public boolean matches(Event event) {
        return "BLOCK".equals(event.text("firewall_rule_action"));
    }
}
