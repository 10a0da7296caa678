package dev.streamwarden.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.Matchers;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks shared by the CloudTrail rules: call outcome, S3 ACL grants, resource-policy exposure. */
final class CloudTrailChecks {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** S3 groups that mean "anyone on the internet" and "anyone with an AWS account". */
    static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";

    static final String AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers";

    /** Canned ACLs that grant one of those groups. */
    private static final Set<String> PUBLIC_CANNED_ACLS =
            Set.of("public-read", "public-read-write", "authenticated-read");

    /**
     * Condition keys that pin who may use a wildcard-principal statement to a known account, organization, ARN,
     * user, network or endpoint (after policyuniverse, which StreamAlert's cloudtrail_public_resources uses).
     * Lower case: IAM condition keys are case-insensitive.
     */
    private static final Set<String> LIMITING_CONDITION_KEYS = Set.of(
            "aws:sourcearn",
            "aws:sourceowner",
            "aws:sourceaccount",
            "aws:sourceorgid",
            "aws:sourceorgpaths",
            "aws:principalorgid",
            "aws:principalorgpaths",
            "aws:principalaccount",
            "aws:principalarn",
            "aws:userid",
            "aws:sourceip",
            "aws:sourcevpc",
            "aws:sourcevpce",
            "kms:calleraccount");

    /** Operators under which a limiting key restricts; negated operators (StringNotEquals...) never do. */
    private static final Pattern LIMITING_OPERATOR = Pattern.compile(
            "((ForAllValues|ForAnyValue):)?(Arn(Equals|Like)|String(Equals|Like)(IgnoreCase)?|IpAddress)(IfExists)?",
            Pattern.CASE_INSENSITIVE);

    private CloudTrailChecks() {}

    /** True when the call was not refused or failed: CloudTrail sets errorCode on every failed call. */
    static boolean succeeded(Event event) {
        String errorCode = event.text("errorCode");
        return errorCode == null || errorCode.isEmpty();
    }

    /**
     * True when S3 request parameters grant AllUsers or AuthenticatedUsers: in an AccessControlPolicy grant, in an
     * x-amz-grant-* header ("uri=http://acs.amazonaws.com/groups/global/AllUsers"), or as a public canned ACL in
     * the x-amz-acl header (which CloudTrail records as a list).
     */
    static boolean grantsPublicAccess(JsonNode requestParameters) {
        if (requestParameters == null || !requestParameters.isObject()) {
            return false;
        }
        return Matchers.anyNode(
                        requestParameters,
                        node -> node.isTextual()
                                && (node.asText().contains(ALL_USERS)
                                        || node.asText().contains(AUTHENTICATED_USERS)))
                || Matchers.anyNode(
                        requestParameters,
                        node -> node.isObject()
                                && Matchers.anyNode(
                                        node.path("x-amz-acl"),
                                        acl -> acl.isTextual()
                                                && PUBLIC_CANNED_ACLS.contains(
                                                        acl.asText().trim().toLowerCase(Locale.ROOT))));
    }

    /** A policy document given as JSON (S3 bucketPolicy) or as JSON text (most other services); null if neither. */
    static JsonNode policy(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            return node;
        }
        if (node.isTextual() && !node.asText().isBlank()) {
            try {
                JsonNode parsed = MAPPER.readTree(node.asText());
                return parsed != null && parsed.isObject() ? parsed : null;
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    /**
     * True when a resource policy lets anyone use the resource: an Allow statement whose principal is a wildcard
     * ("*", {"AWS": "*"}, an ARN with account "*", or any NotPrincipal) and whose Condition, if any, does not pin
     * the caller down with a limiting key (see {@link #LIMITING_CONDITION_KEYS}).
     */
    static boolean isPublicPolicy(JsonNode policy) {
        if (policy == null) {
            return false;
        }
        JsonNode statements = policy.path("Statement");
        if (statements.isObject()) {
            return isPublicStatement(statements);
        }
        for (JsonNode statement : statements) {
            if (isPublicStatement(statement)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPublicStatement(JsonNode statement) {
        if (!"Allow".equals(statement.path("Effect").asText(null))) {
            return false;
        }
        boolean wildcard = statement.has("NotPrincipal") || isWildcardPrincipal(statement.path("Principal"));
        return wildcard && !hasLimitingCondition(statement.path("Condition"));
    }

    private static boolean isWildcardPrincipal(JsonNode principal) {
        if (principal.isTextual()) {
            return isWildcardArn(principal.asText());
        }
        if (principal.isArray()) {
            for (JsonNode p : principal) {
                if (isWildcardPrincipal(p)) {
                    return true;
                }
            }
            return false;
        }
        if (principal.isObject()) {
            // Service principals are AWS services, never the public.
            return isWildcardPrincipal(principal.path("AWS"))
                    || isWildcardPrincipal(principal.path("CanonicalUser"))
                    || isWildcardPrincipal(principal.path("Federated"));
        }
        return false;
    }

    private static boolean isWildcardArn(String value) {
        String v = value.trim();
        if (v.equals("*")) {
            return true;
        }
        String[] parts = v.split(":", -1);
        return parts.length >= 6 && parts[0].equals("arn") && parts[4].equals("*");
    }

    private static boolean hasLimitingCondition(JsonNode condition) {
        if (!condition.isObject()) {
            return false;
        }
        for (Iterator<Map.Entry<String, JsonNode>> ops = condition.fields(); ops.hasNext(); ) {
            Map.Entry<String, JsonNode> op = ops.next();
            if (!LIMITING_OPERATOR.matcher(op.getKey()).matches()
                    || !op.getValue().isObject()) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields(); keys.hasNext(); ) {
                Map.Entry<String, JsonNode> key = keys.next();
                if (LIMITING_CONDITION_KEYS.contains(key.getKey().toLowerCase(Locale.ROOT))
                        && limitsValues(key.getValue())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** True when every value of a limiting key names something specific (not "*", not a /0 network). */
    private static boolean limitsValues(JsonNode values) {
        if (values.isArray()) {
            if (values.isEmpty()) {
                return false;
            }
            for (JsonNode v : values) {
                if (!limitsValues(v)) {
                    return false;
                }
            }
            return true;
        }
        if (!values.isValueNode() || values.isNull()) {
            return false;
        }
        String v = values.asText().trim();
        return !v.isEmpty() && !v.equals("*") && !v.endsWith("/0");
    }
}
