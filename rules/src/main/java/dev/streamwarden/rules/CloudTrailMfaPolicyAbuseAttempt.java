package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.util.Set;

/**
 * An IAM user acting without MFA in ways that abuse a flawed "MFA required" policy (StreamAlert's rule of the
 * same name, by Scott Piper with Duo Security): typical of leaked access keys. For a caller not authenticated with
 * MFA ({@code sessionContext.attributes.mfaAuthenticated} absent or not "true"):
 * <ul>
 *   <li>DeactivateMFADevice, whatever its outcome (removing the victim's MFA);</li>
 *   <li>an IAM call an attacker tries first, whatever its outcome: CreateUser, CreateAccessKey, DetachUserPolicy,
 *       DetachGroupPolicy, RemoveUserFromGroup, DeleteUserPolicy, PutGroupPolicy, PutUserPolicy;</li>
 *   <li>CreateVirtualMFADevice or EnableMFADevice that failed (AccessDenied, EntityAlreadyExists,
 *       LimitExceeded): racing the user to register the attacker's own device.</li>
 * </ul>
 * Difference from StreamAlert: only IAM users' credentials count. Role sessions (CI, SSO, services) never carry
 * MFA in CloudTrail and are not what an MFA-enforcing user policy protects, so StreamAlert's rule fired on every
 * user or key an automation role created.
 */
public final class CloudTrailMfaPolicyAbuseAttempt extends MatchRule {
    private static final long serialVersionUID = 1L;

    private static final Set<String> IAM_ACTIONS = Set.of(
            "CreateUser",
            "CreateAccessKey",
            "DetachUserPolicy",
            "DetachGroupPolicy",
            "RemoveUserFromGroup",
            "DeleteUserPolicy",
            "PutGroupPolicy",
            "PutUserPolicy");

    private static final Set<String> MFA_REGISTRATION_EVENTS = Set.of("CreateVirtualMFADevice", "EnableMFADevice");

    public CloudTrailMfaPolicyAbuseAttempt() {
        super(RuleSpec.of(
                        "cloudtrail_mfa_policy_abuse_attempt",
                        Severity.MEDIUM,
                        "An IAM user without MFA tried to remove or register MFA devices or change IAM: possibly leaked "
                                + "access keys abusing a flawed MFA enforcement policy.",
                        "cloudtrail")
                .withContext(
                        "runbook",
                        "Ask the user whether it was them; if not, deactivate and rotate their "
                                + "access keys and review their recent CloudTrail activity and how the keys leaked."));
    }

    @Override
    public boolean matches(Event event) {
        String name = event.text("eventName");
        if (name == null
                || !"IAMUser".equals(event.text("userIdentity.type"))
                || "true".equals(event.text("userIdentity.sessionContext.attributes.mfaAuthenticated"))) {
            return false;
        }
        if (name.equals("DeactivateMFADevice") || IAM_ACTIONS.contains(name)) {
            return true;
        }
        return MFA_REGISTRATION_EVENTS.contains(name) && !CloudTrailChecks.succeeded(event);
    }
}
