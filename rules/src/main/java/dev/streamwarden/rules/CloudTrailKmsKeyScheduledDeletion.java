package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A KMS key scheduled for deletion: a successful ScheduleKeyDeletion. Once the waiting period (7 to 30 days) ends,
 * everything encrypted under the key is lost for good, which makes it a ransomware and sabotage technique; it can
 * still be undone with CancelKeyDeletion until then.
 */
public final class CloudTrailKmsKeyScheduledDeletion extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailKmsKeyScheduledDeletion() {
        super(RuleSpec.of(
                        "cloudtrail_kms_key_scheduled_deletion",
                        Severity.HIGH,
                        "A KMS key was scheduled for deletion; data encrypted under it will be unrecoverable.",
                        "cloudtrail")
                .withContext(
                        "runbook",
                        "Confirm the deletion was intended (userIdentity, requestParameters.keyId); "
                                + "if not, run CancelKeyDeletion before responseElements.deletionDate."));
    }

    @Override
    public boolean matches(Event event) {
        return "kms.amazonaws.com".equals(event.text("eventSource"))
                && "ScheduleKeyDeletion".equals(event.text("eventName"))
                && CloudTrailChecks.succeeded(event);
    }
}
