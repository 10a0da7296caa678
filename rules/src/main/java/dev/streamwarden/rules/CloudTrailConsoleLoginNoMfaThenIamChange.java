package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.SequenceRule;
import dev.streamwarden.api.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * A console login without MFA followed within an hour by an IAM permission change by the same identity: the
 * pattern of a stolen password being used to entrench.
 */
public final class CloudTrailConsoleLoginNoMfaThenIamChange extends SequenceRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailConsoleLoginNoMfaThenIamChange() {
        super(
                RuleSpec.of(
                        "cloudtrail_console_login_no_mfa_then_iam_change",
                        Severity.HIGH,
                        "A console login without MFA was followed by an IAM permission change by the same identity.",
                        "cloudtrail"),
                Duration.ofHours(1));
    }

    @Override
    public boolean first(Event event) {
        return "ConsoleLogin".equals(event.normalized.eventName)
                && "Success".equals(event.text("responseElements.ConsoleLogin"))
                && "No".equals(event.text("additionalEventData.MFAUsed"));
    }

    @Override
    public boolean then(Event event) {
        return "iam.amazonaws.com".equals(event.text("eventSource"))
                && "success".equals(event.normalized.outcome)
                && Matchers.anyOf(
                        event.normalized.eventName,
                        "AttachUserPolicy",
                        "AttachRolePolicy",
                        "AttachGroupPolicy",
                        "PutUserPolicy",
                        "PutRolePolicy",
                        "PutGroupPolicy",
                        "CreatePolicyVersion",
                        "SetDefaultPolicyVersion",
                        "AddUserToGroup",
                        "CreateAccessKey",
                        "UpdateAssumeRolePolicy");
    }

    @Override
    public LinkedHashMap<String, String> key(Event event) {
        LinkedHashMap<String, String> key = new LinkedHashMap<>();
        key.put("user_arn", event.normalized.userArn);
        return key;
    }
}
