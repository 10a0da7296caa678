package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A resource became non-compliant with an AWS Config rule (StreamAlert's rule of the same name, which read the
 * same result from CloudTrail's PutEvaluations; here it is Config's own "Config Rules Compliance Change" event):
 * the new evaluation result is {@code NON_COMPLIANT}. Every Config rule is in scope; when some are too noisy,
 * narrow them in Config or subclass this rule.
 */
public final class ConfigCompliance extends MatchRule {
    private static final long serialVersionUID = 1L;

    public ConfigCompliance() {
        super(RuleSpec.of(
                "config_compliance",
                Severity.LOW,
                "A resource is now NON_COMPLIANT with an AWS Config rule. Check the rule and the resource, then fix "
                        + "the resource or record the exception.",
                "config_compliance"));
    }

    @Override
    public boolean matches(Event event) {
        return "NON_COMPLIANT".equals(event.text("newEvaluationResult.complianceType"));
    }
}
