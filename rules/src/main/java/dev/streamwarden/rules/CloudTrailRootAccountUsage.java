package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * Root credentials used by a person (StreamAlert's rule of the same name): the root identity, not invoked on
 * its behalf by an AWS service, and not an event AWS itself emitted.
 */
public final class CloudTrailRootAccountUsage extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailRootAccountUsage() {
        super(RuleSpec.of(
                "cloudtrail_root_account_usage",
                Severity.HIGH,
                "The AWS root account was used. Root use should be rare; confirm it was expected.",
                "cloudtrail"));
    }

    @Override
    public boolean matches(Event event) {
        return "Root".equals(event.text("userIdentity.type"))
                && event.text("userIdentity.invokedBy") == null
                && !"AwsServiceEvent".equals(event.text("eventType"));
    }
}
