package dev.streamwarden.launcher.ruletest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.api.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One rule-test file ({@code rule-tests/RULE.json}) read strictly, so that a typo cannot turn a case into one that
 * tests nothing: unknown keys (at file and case level), a missing {@code expect_alerts}, a case without records,
 * a {@code log_type} or {@code other_alerts} rule that does not exist are errors naming file, case and key. A case
 * with an error is not run; the file's other cases are.
 */
final class RuleTestFile {
    /** Where rules are registered; named in the error for a test file of an unregistered rule. */
    static final String CATALOG = "rules/src/main/java/dev/streamwarden/rules/RuleCatalog.java";

    private static final Set<String> FILE_KEYS = new TreeSet<>(List.of("rule", "cases"));
    private static final Set<String> CASE_KEYS =
            new TreeSet<>(List.of("name", "log_type", "records", "expect_alerts", "other_alerts"));
    // A key given twice would silently lose one of its values.
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /** The rule the file is named for. */
    final String rule;

    final List<RuleTestCase> cases = new ArrayList<>();
    /** What is wrong with the file or its cases, one failed result each. */
    final List<CaseResult> errors = new ArrayList<>();

    private final String path;
    private final Map<String, Rule> rules;
    private final Set<String> logTypes;

    private RuleTestFile(String path, Map<String, Rule> rules, Set<String> logTypes) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        this.rule = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - ".json".length()) : fileName;
        this.path = path;
        this.rules = rules;
        this.logTypes = logTypes;
    }

    /** Reads {@code content}, the file at {@code path}, against the registered rules and the known log types. */
    static RuleTestFile read(String path, byte[] content, Map<String, Rule> rules, Set<String> logTypes) {
        RuleTestFile file = new RuleTestFile(path, rules, logTypes);
        if (!rules.containsKey(file.rule)) {
            file.fileError("no rule named " + file.rule + " is registered in RuleCatalog (" + CATALOG
                    + "); register it there or rename the file");
            return file;
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(content);
        } catch (JsonProcessingException e) {
            file.fileError("not valid JSON: " + e.getOriginalMessage());
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("reading " + path + " from memory", e);
        }
        file.readRoot(root);
        return file;
    }

    private void readRoot(JsonNode root) {
        if (root == null || !root.isObject()) {
            fileError("expected an object with \"rule\" and \"cases\"");
            return;
        }
        List<String> problems = unknownKeys(root, FILE_KEYS);
        if (!rule.equals(root.path("rule").asText(null))) {
            problems.add(
                    "\"rule\" must be \"" + rule + "\" (the rule the file is named for), not " + root.path("rule"));
        }
        JsonNode list = root.path("cases");
        if (!list.isArray() || list.isEmpty()) {
            problems.add("\"cases\" must list at least one case");
        }
        if (!problems.isEmpty()) {
            fileError(String.join("; ", problems));
            return;
        }
        for (int i = 0; i < list.size(); i++) {
            readCase(i, list.get(i));
        }
    }

    private void readCase(int index, JsonNode c) {
        String name = c.path("name").isTextual() ? c.path("name").asText() : "case " + index;
        if (!c.isObject()) {
            caseError(name, "a case must be an object with \"records\" and \"expect_alerts\"");
            return;
        }
        List<String> problems = unknownKeys(c, CASE_KEYS);
        if (c.has("name") && !c.get("name").isTextual()) {
            problems.add("\"name\" must be a string");
        }
        List<byte[]> records = records(c.path("records"), problems);
        int expected = count("expect_alerts", c.get("expect_alerts"), problems);
        ExpectedLogType logType = logType(c.get("log_type"), problems);
        Map<String, Integer> others = otherAlerts(c.get("other_alerts"), problems);
        if (problems.isEmpty()) {
            cases.add(new RuleTestCase(rule, name, "test/" + rule + "/" + index, records, logType, expected, others));
        } else {
            caseError(name, String.join("; ", problems));
        }
    }

    private static List<byte[]> records(JsonNode list, List<String> problems) {
        List<byte[]> records = new ArrayList<>();
        if (!list.isArray() || list.isEmpty()) {
            problems.add("\"records\" must list at least one record (a JSON value, or a string for a text line)");
            return records;
        }
        for (JsonNode record : list) {
            records.add((record.isTextual() ? record.asText() : record.toString()).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    /** A whole number ≥ 0 (an alert count); -1 with a problem added when it is not one. */
    private static int count(String key, JsonNode value, List<String> problems) {
        if (value == null) {
            problems.add("\"" + key + "\" is required (the number of alerts the records must raise)");
        } else if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            problems.add("\"" + key + "\" must be a whole number >= 0, not " + value);
        } else {
            return value.asInt();
        }
        return -1;
    }

    /** The case's own log type, or the rule's when the case names none. */
    private ExpectedLogType logType(JsonNode value, List<String> problems) {
        if (value == null) {
            return ExpectedLogType.of(rules.get(rule).spec());
        }
        if (!value.isTextual() || !logTypes.contains(value.asText())) {
            problems.add(
                    "\"log_type\" " + value + " is not a log type (log types: " + String.join(", ", logTypes) + ")");
            return null;
        }
        return ExpectedLogType.oneOf(Set.of(value.asText()));
    }

    private Map<String, Integer> otherAlerts(JsonNode value, List<String> problems) {
        Map<String, Integer> others = new LinkedHashMap<>();
        if (value == null) {
            return others;
        }
        if (!value.isObject()) {
            problems.add("\"other_alerts\" must be an object of rule name to alert count, not " + value);
            return others;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals(rule)) {
                problems.add("\"other_alerts\" names the case's own rule " + rule + " (its count is expect_alerts)");
            } else if (!rules.containsKey(e.getKey())) {
                problems.add("\"other_alerts\": no rule named " + e.getKey() + " is registered in RuleCatalog ("
                        + CATALOG + ")");
            } else {
                others.put(e.getKey(), count("other_alerts." + e.getKey(), e.getValue(), problems));
            }
        }
        return others;
    }

    private static List<String> unknownKeys(JsonNode object, Set<String> known) {
        List<String> problems = new ArrayList<>();
        object.fieldNames().forEachRemaining(key -> {
            if (!known.contains(key)) {
                problems.add("unknown key \"" + key + "\" (known: " + String.join(", ", known) + ")");
            }
        });
        return problems;
    }

    private void fileError(String problem) {
        errors.add(CaseResult.verdict(rule, "(file)", path + ": " + problem));
    }

    private void caseError(String name, String problem) {
        errors.add(CaseResult.verdict(rule, name, path + ": case '" + name + "': " + problem));
    }
}
