package dev.streamwarden.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.util.Set;

/**
 * Calls that switch off security logging or controls, or delete critical infrastructure (StreamAlert's rule of
 * the same name and list): VPC flow logs, CloudTrail, AWS Config, EventBridge rules and GuardDuty deleted,
 * stopped or changed; S3 Block Public Access removed or relaxed; EBS default encryption disabled; VPCs, subnets
 * and database clusters deleted; AWS Organizations structure and policies (SCPs) changed. These are an attacker's
 * first steps to go unseen, and rarely routine.
 *
 * <p>Differences from StreamAlert: only calls that succeeded alert (no errorCode; a refused call changed nothing);
 * DeleteRule and DisableRule count only for EventBridge / CloudWatch Events (events.amazonaws.com), as StreamAlert
 * meant, not for the load balancer or WAF calls of the same name; the organizational-unit calls carry their real
 * names (CreateOrganizationalUnit, DeleteOrganizationalUnit).
 */
public final class CloudTrailCriticalApiCalls extends MatchRule {
    private static final long serialVersionUID = 1L;

    /** Always critical, whatever the service (the names are specific enough). */
    private static final Set<String> CRITICAL_EVENTS = Set.of(
            // VPC Flow Logs
            "DeleteFlowLogs",
            // Critical, large resources
            "DeleteSubnet",
            "DeleteVpc",
            "DeleteDBCluster",
            "DeleteCluster",
            // CloudTrail
            "DeleteTrail",
            "PutEventSelectors",
            "UpdateTrail",
            "StopLogging",
            // AWS Config
            "DeleteDeliveryChannel",
            "StopConfigurationRecorder",
            // GuardDuty
            "DeleteDetector",
            // S3 Block Public Access for the whole account
            "DeleteAccountPublicAccessBlock",
            // EBS default encryption
            "DisableEbsEncryptionByDefault");

    /** EventBridge (CloudWatch Events) rules that route security events. */
    private static final Set<String> EVENT_RULE_EVENTS = Set.of("DeleteRule", "DisableRule");

    private static final Set<String> PUBLIC_ACCESS_BLOCK_EVENTS =
            Set.of("PutBucketPublicAccessBlock", "PutAccountPublicAccessBlock");

    private static final Set<String> PUBLIC_ACCESS_BLOCK_SETTINGS =
            Set.of("RestrictPublicBuckets", "BlockPublicPolicy", "BlockPublicAcls", "IgnorePublicAcls");

    private static final Set<String> ORGANIZATIONS_EVENTS = Set.of(
            "AttachPolicy",
            "CreateOrganizationalUnit",
            "CreatePolicy",
            "DeletePolicy",
            "DeleteOrganizationalUnit",
            "DetachPolicy",
            "DisableAWSServiceAccess",
            "DisablePolicyType",
            "EnableAllFeatures",
            "EnableAWSServiceAccess",
            "EnablePolicyType",
            "LeaveOrganization",
            "MoveAccount",
            "RemoveAccountFromOrganization",
            "UpdatePolicy");

    public CloudTrailCriticalApiCalls() {
        super(RuleSpec.of(
                        "cloudtrail_critical_api_calls",
                        Severity.HIGH,
                        "A call stopped or deleted security logging or controls, or deleted critical infrastructure.",
                        "cloudtrail")
                .withContext(
                        "runbook",
                        "Identify the account and the resources affected (requestParameters), "
                                + "confirm with whoever made the call (userIdentity) that it was intended, and restore "
                                + "logging or the control at once if not."));
    }

    @Override
    public boolean matches(Event event) {
        String name = event.text("eventName");
        if (name == null || !CloudTrailChecks.succeeded(event)) {
            return false;
        }
        if (CRITICAL_EVENTS.contains(name)) {
            return true;
        }
        String source = event.text("eventSource", "");
        if (EVENT_RULE_EVENTS.contains(name)) {
            return source.equals("events.amazonaws.com");
        }
        if (name.equals("UpdateDetector")) {
            // GuardDuty disabled: enable set to false.
            return "false".equalsIgnoreCase(event.text("requestParameters.enable"));
        }
        if (PUBLIC_ACCESS_BLOCK_EVENTS.contains(name)) {
            // Any of the four protections explicitly turned off.
            JsonNode config = event.at("requestParameters.PublicAccessBlockConfiguration");
            for (String setting : PUBLIC_ACCESS_BLOCK_SETTINGS) {
                JsonNode value = config.path(setting);
                if (!value.isMissingNode() && "false".equalsIgnoreCase(value.asText())) {
                    return true;
                }
            }
            return false;
        }
        return source.equals("organizations.amazonaws.com") && ORGANIZATIONS_EVENTS.contains(name);
    }
}
