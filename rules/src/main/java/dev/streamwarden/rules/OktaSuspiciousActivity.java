package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * Okta flagged activity as suspicious, in one of three ways:
 * <ul>
 *   <li>{@code user.account.report_suspicious_activity_by_enduser}: a user answered an Okta account-activity email
 *       with "this wasn't me";</li>
 *   <li>{@code security.threat.detected}: Okta ThreatInsight saw a request from a malicious source (password
 *       spray, brute force), whether it only logged it or also denied it;</li>
 *   <li>{@code policy.evaluate_sign_on} denied with an outcome reason that names a threat: a sign-on policy
 *       blocked the attempt because of ThreatInsight. Plain policy denials (wrong network, missing factor) are
 *       not suspicious by themselves and do not alert.</li>
 * </ul>
 */
public final class OktaSuspiciousActivity extends MatchRule {
    private static final long serialVersionUID = 1L;

    public OktaSuspiciousActivity() {
        super(RuleSpec.of(
                "okta_suspicious_activity",
                Severity.HIGH,
                "Okta reported suspicious activity: a user reported activity they did not do, ThreatInsight "
                        + "detected a threat, or a sign-on was denied because of a threat. Review the user's recent "
                        + "sessions and the client address.",
                "okta_system"));
    }

    @Override
    public boolean matches(Event event) {
        String type = event.text("eventType");
        if (Matchers.anyOf(type, "user.account.report_suspicious_activity_by_enduser", "security.threat.detected")) {
            return true;
        }
        return "policy.evaluate_sign_on".equals(type)
                && "DENY".equals(event.text("outcome.result"))
                && Matchers.containsIgnoreCase(event.text("outcome.reason"), "threat");
    }
}
