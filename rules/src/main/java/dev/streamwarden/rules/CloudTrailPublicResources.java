package dev.streamwarden.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A resource policy that opens a resource to anyone (StreamAlert's rule of the same name): a successful call that
 * sets a policy with an Allow statement for a wildcard principal ("*", {"AWS": "*"}) and no Condition limiting the
 * caller to a known account, organization, ARN, network or endpoint. Covered: S3 PutBucketPolicy (the policy is
 * JSON), SQS SetQueueAttributes / CreateQueue, SNS SetTopicAttributes (Policy) / CreateTopic, ECR
 * SetRepositoryPolicy, KMS PutKeyPolicy / CreateKey, Secrets Manager PutResourcePolicy, Glacier
 * SetVaultAccessPolicy, Elasticsearch / OpenSearch domain access policies (these carry the policy as JSON text),
 * and Lambda AddPermission with principal "*" and no source ARN, source account or organization.
 *
 * <p>A Condition on a key such as aws:SecureTransport does not make a statement private, so it still alerts
 * (as StreamAlert's policyuniverse check does); a refused call changed nothing and does not.
 */
public final class CloudTrailPublicResources extends MatchRule {
    private static final long serialVersionUID = 1L;

    public CloudTrailPublicResources() {
        super(
                RuleSpec.of(
                                "cloudtrail_public_resources",
                                Severity.HIGH,
                                "A resource policy now allows anyone (wildcard principal, no limiting condition).",
                                "cloudtrail")
                        .withContext(
                                "runbook",
                                "Identify the resource (requestParameters) and whether it is meant to be "
                                        + "public; if not, restore a policy naming specific principals and review access to it."));
    }

    @Override
    public boolean matches(Event event) {
        String name = event.text("eventName");
        if (name == null || !CloudTrailChecks.succeeded(event)) {
            return false;
        }
        if (name.startsWith("AddPermission") && "lambda.amazonaws.com".equals(event.text("eventSource"))) {
            return isPublicLambdaPermission(event);
        }
        return CloudTrailChecks.isPublicPolicy(CloudTrailChecks.policy(policyNode(event, name)));
    }

    /** Where each call carries the policy it sets; null when the call sets none. */
    private static JsonNode policyNode(Event event, String name) {
        switch (name) {
            case "PutBucketPolicy":
                return event.at("requestParameters.bucketPolicy");
            case "SetQueueAttributes":
            case "CreateQueue":
            case "CreateTopic":
                return event.at("requestParameters.attributes.Policy");
            case "SetTopicAttributes":
                return "Policy".equals(event.text("requestParameters.attributeName"))
                        ? event.at("requestParameters.attributeValue")
                        : null;
            case "SetRepositoryPolicy":
                return event.at("requestParameters.policyText");
            case "PutKeyPolicy":
            case "CreateKey":
                return event.at("requestParameters.policy");
            case "PutResourcePolicy":
                return event.at("requestParameters.resourcePolicy");
            case "SetVaultAccessPolicy":
                return event.at("requestParameters.policy.policy");
            case "CreateElasticsearchDomain":
            case "UpdateElasticsearchDomainConfig":
            case "CreateDomain":
            case "UpdateDomainConfig":
                return "es.amazonaws.com".equals(event.text("eventSource"))
                        ? event.at("requestParameters.accessPolicies")
                        : null;
            default:
                return null;
        }
    }

    /** Lambda AddPermission (eventName AddPermission20150331 or ...v2): principal "*" with nothing scoping it. */
    private static boolean isPublicLambdaPermission(Event event) {
        String principal = event.text("requestParameters.principal", "").trim();
        return (principal.equals("*") || principal.matches("arn:aws[a-z-]*:iam::\\*:root"))
                && isBlank(event.text("requestParameters.sourceArn"))
                && isBlank(event.text("requestParameters.sourceAccount"))
                && isBlank(event.text("requestParameters.principalOrgID"));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
