package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A GitHub branch protection was deleted: a classic branch protection rule ({@code protected_branch.destroy}, as in
 * StreamAlert's github_disable_protect_this_branch) or a repository ruleset ({@code repository_ruleset.destroy}).
 * Either removes required reviews and status checks, so unreviewed code can reach the branch.
 */
public final class GithubBranchProtectionRemoved extends MatchRule {
    private static final long serialVersionUID = 1L;

    public GithubBranchProtectionRemoved() {
        super(RuleSpec.of(
                "github_branch_protection_removed",
                Severity.MEDIUM,
                "A GitHub branch protection rule or repository ruleset was deleted. Confirm the change was intended "
                        + "and review what was pushed while the branch was unprotected.",
                "github_audit"));
    }

    @Override
    public boolean matches(Event event) {
        return Matchers.anyOf(event.text("action"), "protected_branch.destroy", "repository_ruleset.destroy");
    }
}
