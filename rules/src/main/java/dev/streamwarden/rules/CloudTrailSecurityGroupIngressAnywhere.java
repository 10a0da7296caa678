package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A security group opened to the whole internet (StreamAlert's rule of the same name): an
 * AuthorizeSecurityGroupIngress call with 0.0.0.0/0 or ::/0 anywhere in its IP permissions.
 */
public final class CloudTrailSecurityGroupIngressAnywhere extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailSecurityGroupIngressAnywhere() {
        super(RuleSpec.of(
                "cloudtrail_security_group_ingress_anywhere",
                Severity.MEDIUM,
                "A security group ingress rule allows traffic from anywhere (0.0.0.0/0 or ::/0).",
                "cloudtrail"));
    }

    @Override
    public boolean matches(Event event) {
        return "AuthorizeSecurityGroupIngress".equals(event.text("eventName"))
                && Matchers.anyNode(
                        event.at("requestParameters.ipPermissions"),
                        node -> "0.0.0.0/0".equals(node.path("cidrIp").asText(null))
                                || "::/0".equals(node.path("cidrIpv6").asText(null)));
    }
}
