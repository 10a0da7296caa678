package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.util.List;

/**
 * Every Amazon GuardDuty finding (StreamAlert's rule of the same name): GuardDuty has already decided the activity
 * is worth a look, so each finding is passed on to the security channel; findings of GuardDuty severity 7.0 and
 * up (High and Critical) also go to {@link #HIGH_OUTPUT}.
 *
 * <p>Two kinds of finding are skipped, as they describe no real activity: archived findings
 * ({@code service.archived}, e.g. closed by a suppression rule or by hand, whose updates still reach EventBridge)
 * and the sample findings the console's "Generate sample findings" creates ({@code service.additionalInfo.sample}).
 */
public final class GuardDutyAll extends MatchRule {
    private static final long serialVersionUID = 1L;

    /** Where High and Critical findings also go. */
    public static final String HIGH_OUTPUT = "slack:security-high";
    /** GuardDuty's lower bound of High severity (Low is 1.0-3.9, Medium 4.0-6.9, High 7.0-8.9, Critical 9.0+). */
    public static final double HIGH_SEVERITY = 7.0;

    public GuardDutyAll() {
        super(RuleSpec.of(
                        "guard_duty_all",
                        Severity.MEDIUM,
                        "Amazon GuardDuty reported a finding. Identify the account and the affected resources, then follow "
                                + "the playbook for the finding type.",
                        "guardduty")
                .withOutputs("slack:security")
                .withDynamicOutputs(HIGH_OUTPUT));
    }

    @Override
    public boolean matches(Event event) {
        return !event.at("service.archived").asBoolean(false)
                && !event.at("service.additionalInfo.sample").asBoolean(false);
    }

    @Override
    public List<String> dynamicOutputs(Event event) {
        return event.at("severity").asDouble(0.0) >= HIGH_SEVERITY ? List.of(HIGH_OUTPUT) : List.of();
    }
}
