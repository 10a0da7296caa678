package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * CloudTrail switched off: a successful StopLogging or DeleteTrail. Every detection fed by that trail, this
 * pipeline's included, goes blind from then on, which is why attackers do it first; hence critical. (Narrower
 * than cloudtrail_critical_api_calls, which also counts trail updates and other services.)
 */
public final class CloudTrailLoggingDisabled extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailLoggingDisabled() {
        super(RuleSpec.of(
                        "cloudtrail_logging_disabled",
                        Severity.CRITICAL,
                        "A CloudTrail trail was stopped or deleted.",
                        "cloudtrail")
                .withContext(
                        "runbook",
                        "Restart logging (StartLogging) or recreate the trail at once, then find "
                                + "out who did it (userIdentity) and what happened while logging was off."));
    }

    @Override
    public boolean matches(Event event) {
        return "cloudtrail.amazonaws.com".equals(event.text("eventSource"))
                && Matchers.anyOf(event.text("eventName"), "StopLogging", "DeleteTrail")
                && CloudTrailChecks.succeeded(event);
    }
}
