package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A network ACL opened to the whole internet (StreamAlert's rule of the same name): a successful
 * CreateNetworkAclEntry or ReplaceNetworkAclEntry that adds an ingress ({@code egress: false}) {@code allow} entry
 * for 0.0.0.0/0 or ::/0. Network ACLs are the subnet-wide backstop behind security groups; an allow-all ingress
 * entry removes it. StreamAlert checked only CreateNetworkAclEntry and IPv4; replacing an entry or an IPv6 block
 * opens the subnet just the same.
 */
public final class CloudTrailNetworkAclIngressAnywhere extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailNetworkAclIngressAnywhere() {
        super(RuleSpec.of(
                        "cloudtrail_network_acl_ingress_anywhere",
                        Severity.MEDIUM,
                        "A network ACL entry allows ingress from anywhere (0.0.0.0/0 or ::/0).",
                        "cloudtrail")
                .withContext(
                        "runbook",
                        "Find the entry (requestParameters.networkAclId, ruleNumber) and who added it; "
                                + "unless the subnet is meant to be public, replace or delete the entry."));
    }

    @Override
    public boolean matches(Event event) {
        return Matchers.anyOf(event.text("eventName"), "CreateNetworkAclEntry", "ReplaceNetworkAclEntry")
                && CloudTrailChecks.succeeded(event)
                && "false".equalsIgnoreCase(event.text("requestParameters.egress"))
                && "allow".equalsIgnoreCase(event.text("requestParameters.ruleAction"))
                && ("0.0.0.0/0".equals(event.text("requestParameters.cidrBlock"))
                        || "::/0".equals(event.text("requestParameters.ipv6CidrBlock")));
    }
}
