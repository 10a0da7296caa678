package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A Duo administrator created bypass codes for a user ({@code bypass_create} in the administrator log). Bypass
 * codes skip the second factor, so every creation should match a help-desk request; StreamAlert's narrower
 * duo_bypass_code_create_* rules (non-expiring, unlimited use, not auto-generated) are subsets of this one.
 */
public final class DuoBypassCodeCreated extends MatchRule {
    private static final long serialVersionUID = 1L;

    public DuoBypassCodeCreated() {
        super(RuleSpec.of(
                "duo_bypass_code_created",
                Severity.MEDIUM,
                "A Duo administrator created MFA bypass codes for a user. Confirm a support request asked for them "
                        + "and that their lifetime and number of uses are limited.",
                "duo_administrator"));
    }

    @Override
    public boolean matches(Event event) {
        return "bypass_create".equals(event.text("action"));
    }
}
