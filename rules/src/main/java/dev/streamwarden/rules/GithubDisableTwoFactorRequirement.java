package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * The two-factor authentication requirement was turned off for a GitHub organization or enterprise
 * ({@code org.disable_two_factor_requirement}, as in StreamAlert's github_disable_two_factor_requirement_org, or
 * {@code business.disable_two_factor_requirement}). Members without 2FA keep access and new ones can join.
 */
public final class GithubDisableTwoFactorRequirement extends MatchRule {
    private static final long serialVersionUID = 1L;

    public GithubDisableTwoFactorRequirement() {
        super(RuleSpec.of(
                "github_disable_two_factor_requirement",
                Severity.HIGH,
                "The two-factor authentication requirement was disabled for a GitHub organization or enterprise. "
                        + "Confirm with the actor and re-enable it.",
                "github_audit"));
    }

    @Override
    public boolean matches(Event event) {
        return Matchers.anyOf(
                event.text("action"), "org.disable_two_factor_requirement", "business.disable_two_factor_requirement");
    }
}
