package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A console sign-in with a password alone: a successful ConsoleLogin ({@code responseElements.ConsoleLogin}
 * "Success") with {@code additionalEventData.MFAUsed} "No", by an IAM user or the root user. A stolen or guessed
 * password is then all it takes to reach the console. Federated sign-ins (SSO, SAML, assumed roles) are left out:
 * CloudTrail records MFAUsed "No" for them because MFA happens at the identity provider.
 */
public final class CloudTrailConsoleLoginNoMfa extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailConsoleLoginNoMfa() {
        super(
                RuleSpec.of(
                                "cloudtrail_console_login_no_mfa",
                                Severity.MEDIUM,
                                "An IAM user or the root user signed in to the console without MFA.",
                                "cloudtrail")
                        .withContext(
                                "runbook",
                                "Confirm the sign-in with the user (userIdentity, sourceIPAddress); "
                                        + "enforce an MFA device for them, and reset the password if the sign-in was not theirs."));
    }

    @Override
    public boolean matches(Event event) {
        return "ConsoleLogin".equals(event.text("eventName"))
                && "Success".equals(event.text("responseElements.ConsoleLogin"))
                && "No".equals(event.text("additionalEventData.MFAUsed"))
                && Matchers.anyOf(event.text("userIdentity.type"), "IAMUser", "Root")
                && event.text("additionalEventData.SamlProviderArn") == null;
    }
}
