package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * New long-term IAM credentials: a successful CreateUser, CreateAccessKey or CreateLoginProfile (console
 * password). Creating a user or a key for an existing one is the usual way to keep access to an account, so each
 * one should be accounted for; routine in small numbers, hence low severity.
 */
public final class CloudTrailIamCredentialsCreated extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailIamCredentialsCreated() {
        super(RuleSpec.of(
                        "cloudtrail_iam_credentials_created",
                        Severity.LOW,
                        "An IAM user, access key or console password was created.",
                        "cloudtrail")
                .withContext(
                        "runbook",
                        "Check who created the credentials (userIdentity) for whom "
                                + "(requestParameters.userName) and that it was requested; if not, delete them."));
    }

    @Override
    public boolean matches(Event event) {
        return "iam.amazonaws.com".equals(event.text("eventSource"))
                && Matchers.anyOf(event.text("eventName"), "CreateUser", "CreateAccessKey", "CreateLoginProfile")
                && CloudTrailChecks.succeeded(event);
    }
}
