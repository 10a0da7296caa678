package dev.streamwarden.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Least privilege, checked statement by statement: no Allow grants a wildcard action, NotAction or NotResource, and
 * no Allow names the "*" resource, except for the actions AWS only authorizes on "*" ({@link #UNSCOPED_ACTIONS},
 * deploy/README.md "IAM"; none is needed today: Managed Flink publishes metrics and reads checkpoints itself).
 * Deny statements only take away, so they may be broad (the bucket's deny of plain HTTP).
 */
class IamPolicyTest {
    /** Actions AWS requires on Resource "*" that the role may be granted (with their reason in deploy/README.md). */
    static final Set<String> UNSCOPED_ACTIONS = Set.of();

    @Test
    void noAllowIsBroaderThanItMustBe() throws Exception {
        for (Path template : Templates.all()) {
            CfnTemplate cfn = CfnTemplate.read(template);
            List<String> problems = new ArrayList<>();
            List<String> statements = new ArrayList<>();
            cfn.resources().forEachRemaining(resource -> {
                for (JsonNode statement : statementsOf(resource.getValue())) {
                    statements.add(
                            resource.getKey() + ":" + statement.path("Sid").asText("(no Sid)"));
                    problems.addAll(problems(resource.getKey(), statement));
                }
            });
            assertEquals(List.of(), problems, template.toString());
            if (template.equals(Templates.MAIN)) {
                // Every statement was seen (a document the walk missed would pass unchecked).
                assertEquals(
                        List.of(
                                "DataBucketPolicy:DenyInsecureTransport",
                                "ApplicationRole:(no Sid)",
                                "ApplicationRole:ReadTheJar",
                                "ApplicationRole:ReadTheStream",
                                "ApplicationRole:EnhancedFanOutConsumer",
                                "ApplicationRole:ListTheDataBucket",
                                "ApplicationRole:WriteTheOutputs",
                                "ApplicationRole:ReadTheSlackSecret",
                                "ApplicationRole:FindTheLogGroup",
                                "ApplicationRole:FindTheLogStream",
                                "ApplicationRole:WriteTheLog"),
                        statements);
            }
        }
    }

    @Test
    void theCheckFindsWhatItLooksFor() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Map<String, String> planted = Map.of(
                "{\"Effect\":\"Allow\",\"Action\":\"*\",\"Resource\":\"arn:aws:s3:::b/*\"}",
                "R: Allow of action '*'",
                "{\"Effect\":\"Allow\",\"Action\":[\"s3:Get*\"],\"Resource\":\"arn:aws:s3:::b/*\"}",
                "R: Allow of action 's3:Get*'",
                "{\"Effect\":\"Allow\",\"Action\":\"kinesis:GetRecords\",\"Resource\":\"*\"}",
                "R: Allow of kinesis:GetRecords on Resource '*' (not an action AWS requires unscoped)",
                "{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\",\"Resource\":\"arn:aws:s3:::b\"}",
                "R: Allow with NotAction",
                "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"NotResource\":\"arn:aws:s3:::b\"}",
                "R: Allow with NotResource",
                "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}",
                "");
        for (Map.Entry<String, String> statement : planted.entrySet()) {
            assertEquals(
                    statement.getValue(),
                    String.join("; ", problems("R", json.readTree(statement.getKey()))),
                    statement.getKey());
        }
    }

    /** The statements of every policy document a resource holds (inline policies, trust, bucket and key policies). */
    static List<JsonNode> statementsOf(JsonNode resource) {
        List<JsonNode> statements = new ArrayList<>();
        collect(resource.path("Properties"), statements);
        return statements;
    }

    private static void collect(JsonNode node, List<JsonNode> statements) {
        if (node.isObject() && node.has("Statement")) {
            for (JsonNode statement : node.get("Statement")) {
                unwrapIf(statement, statements);
            }
            return;
        }
        node.forEach(child -> collect(child, statements));
    }

    /** A statement, or each statement branch of an Fn::If (AWS::NoValue branches are not statements). */
    private static void unwrapIf(JsonNode statement, List<JsonNode> statements) {
        if (statement.has("Fn::If")) {
            unwrapIf(statement.get("Fn::If").get(1), statements);
            unwrapIf(statement.get("Fn::If").get(2), statements);
        } else if (statement.has("Effect")) {
            statements.add(statement);
        }
    }

    static List<String> problems(String resource, JsonNode statement) {
        List<String> problems = new ArrayList<>();
        if (!statement.path("Effect").asText().equals("Allow")) {
            return problems;
        }
        if (statement.has("NotAction")) {
            problems.add(resource + ": Allow with NotAction");
        }
        if (statement.has("NotResource")) {
            problems.add(resource + ": Allow with NotResource");
        }
        Set<String> actions = texts(statement.path("Action"));
        for (String action : actions) {
            if (action.contains("*") || action.contains("?")) {
                problems.add(resource + ": Allow of action '" + action + "'");
            }
        }
        if (texts(statement.path("Resource")).contains("*")) {
            for (String action : actions) {
                if (!action.contains("*") && !UNSCOPED_ACTIONS.contains(action)) {
                    problems.add(resource + ": Allow of " + action
                            + " on Resource '*' (not an action AWS requires unscoped)");
                }
            }
        }
        return problems;
    }

    private static Set<String> texts(JsonNode node) {
        Set<String> texts = new TreeSet<>();
        if (node.isTextual()) {
            texts.add(node.asText());
        }
        node.forEach(element -> {
            if (element.isTextual()) {
                texts.add(element.asText());
            }
        });
        return texts;
    }
}
