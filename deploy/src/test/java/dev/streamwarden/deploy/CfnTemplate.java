package dev.streamwarden.deploy;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CloudFormation template read as CloudFormation reads it: the short-form intrinsics ({@code !Ref X},
 * {@code !Sub ...}, {@code !If [...]}) become their long forms ({@code {"Ref": "X"}}, {@code {"Fn::Sub": ...}}), and
 * {@link #evaluate} works out a value for given parameters, the way the stack would.
 */
final class CfnTemplate {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> INTRINSICS = Set.of(
            "Ref",
            "Condition",
            "Sub",
            "If",
            "GetAtt",
            "Join",
            "Select",
            "Split",
            "Not",
            "Equals",
            "And",
            "Or",
            "FindInMap",
            "Base64",
            "Cidr",
            "GetAZs",
            "ImportValue");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!]+)}");

    final JsonNode root;
    private final Map<String, String> parameters;
    private final Map<String, String> resourceNames;

    private CfnTemplate(JsonNode root, Map<String, String> parameters, Map<String, String> resourceNames) {
        this.root = root;
        this.parameters = parameters;
        this.resourceNames = resourceNames;
    }

    static CfnTemplate read(Path file) throws IOException {
        try (YAMLParser parser = new YAMLFactory().createParser(Files.readString(file))) {
            parser.nextToken();
            return new CfnTemplate(node(parser), Map.of(), Map.of());
        }
    }

    /** The template evaluated with these parameter values (the others at their defaults) and physical names. */
    CfnTemplate with(Map<String, String> parameters, Map<String, String> resourceNames) {
        return new CfnTemplate(root, parameters, resourceNames);
    }

    JsonNode resource(String logicalId) {
        return root.path("Resources").path(logicalId);
    }

    /** Every resource's logical id and definition. */
    Iterator<Map.Entry<String, JsonNode>> resources() {
        return root.path("Resources").fields();
    }

    /** The node with intrinsics resolved; {@code AWS::NoValue} as null (the caller drops it). */
    JsonNode evaluate(JsonNode node) {
        if (node.isObject() && node.size() == 1) {
            String function = node.fieldNames().next();
            JsonNode argument = node.get(function);
            switch (function) {
                case "Ref":
                    return ref(argument.asText());
                case "Fn::Sub":
                    return NODES.textNode(sub(argument));
                case "Fn::If":
                    return evaluate(condition(argument.get(0).asText()) ? argument.get(1) : argument.get(2));
                case "Fn::GetAtt":
                    return NODES.textNode("arn:aws:test:::" + argument.get(0).asText() + "."
                            + argument.get(1).asText());
                default:
                    break;
            }
        }
        if (node.isObject()) {
            ObjectNode evaluated = NODES.objectNode();
            node.fields().forEachRemaining(field -> {
                JsonNode value = evaluate(field.getValue());
                if (value != null) {
                    evaluated.set(field.getKey(), value);
                }
            });
            return evaluated;
        }
        if (node.isArray()) {
            ArrayNode evaluated = NODES.arrayNode();
            for (JsonNode element : node) {
                JsonNode value = evaluate(element);
                if (value != null) {
                    evaluated.add(value);
                }
            }
            return evaluated;
        }
        return node;
    }

    boolean condition(String name) {
        return truth(root.path("Conditions").path(name));
    }

    private boolean truth(JsonNode node) {
        if (node.has("Fn::Not")) {
            return !truth(node.get("Fn::Not").get(0));
        }
        if (node.has("Fn::Equals")) {
            JsonNode pair = node.get("Fn::Equals");
            return evaluate(pair.get(0)).asText().equals(evaluate(pair.get(1)).asText());
        }
        if (node.has("Condition")) {
            return condition(node.get("Condition").asText());
        }
        throw new IllegalArgumentException("not a condition this test evaluates: " + node);
    }

    private JsonNode ref(String name) {
        if (name.equals("AWS::NoValue")) {
            return null;
        }
        return NODES.textNode(value(name));
    }

    private String value(String name) {
        switch (name) {
            case "AWS::Region":
                return "eu-west-1";
            case "AWS::AccountId":
                return "111122223333";
            case "AWS::Partition":
                return "aws";
            default:
                break;
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        JsonNode parameter = root.path("Parameters").path(name);
        if (!parameter.isMissingNode()) {
            if (!parameter.has("Default")) {
                throw new IllegalArgumentException("parameter " + name + " has no default: give it a value");
            }
            return parameter.get("Default").asText();
        }
        String logical = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;
        if (resourceNames.containsKey(name)) {
            return resourceNames.get(name);
        }
        if (root.path("Resources").has(logical)) {
            return name.contains(".") ? "arn:aws:test:::" + name : logical.toLowerCase() + "-physical-name";
        }
        throw new IllegalArgumentException("no parameter or resource " + name);
    }

    private String sub(JsonNode argument) {
        String text = argument.isArray() ? argument.get(0).asText() : argument.asText();
        JsonNode variables = argument.isArray() ? argument.get(1) : NODES.objectNode();
        Matcher m = SUB_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = variables.has(name) ? evaluate(variables.get(name)).asText() : value(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    /** The node at the parser's token, a tagged one wrapped as its long-form intrinsic. */
    private static JsonNode node(YAMLParser parser) throws IOException {
        String tag = parser.getTypeId() instanceof String ? (String) parser.getTypeId() : null;
        JsonNode node;
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            ObjectNode object = NODES.objectNode();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                object.set(name, node(parser));
            }
            node = object;
        } else if (token == JsonToken.START_ARRAY) {
            List<JsonNode> elements = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                elements.add(node(parser));
            }
            node = NODES.arrayNode().addAll(elements);
        } else if (token == JsonToken.VALUE_NULL) {
            node = NODES.nullNode();
        } else if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            node = NODES.booleanNode(parser.getBooleanValue());
        } else if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            node = NODES.textNode(parser.getText());
        } else {
            node = NODES.textNode(parser.getText());
        }
        // The parser hands over "!Ref" as "Ref".
        if (tag == null || !INTRINSICS.contains(tag)) {
            return node;
        }
        String function = tag;
        if (function.equals("Ref") || function.equals("Condition")) {
            return NODES.objectNode().set(function, node);
        }
        if (function.equals("GetAtt") && node.isTextual()) {
            String[] parts = node.asText().split("\\.", 2);
            node = NODES.arrayNode().add(parts[0]).add(parts[1]);
        }
        return NODES.objectNode().set("Fn::" + function, node);
    }
}
