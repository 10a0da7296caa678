package dev.streamwarden.job.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs every rule's test events ({@code rule-tests/RULE.json} in rules/) through the real detection path
 * in one bounded Flink job. Each case is its own source ("test/RULE/N"), and the source is part of every key, so
 * cases never share state; a case passes when its rule raised exactly the expected number of alerts and every
 * record classified. A test file for an unknown rule, or a rule without positive and negative cases, is a failure.
 */
public final class RuleTests {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RuleTests() {}

    /** Runs the cases of {@code onlyRule} (or of every rule when null) on the given environment. */
    public static List<CaseResult> run(StreamExecutionEnvironment env, List<Rule> rules, String onlyRule)
            throws Exception {
        Map<String, Rule> byName = new LinkedHashMap<>();
        rules.forEach(r -> byName.put(r.name(), r));
        if (onlyRule != null && !byName.containsKey(onlyRule)) {
            throw new IllegalArgumentException("no rule named " + onlyRule + " (rules: " + byName.keySet() + ")");
        }
        List<CaseResult> results = new ArrayList<>();
        List<TestCase> cases = new ArrayList<>();
        for (String file : ClasspathFiles.list("rule-tests", ".json")) {
            String rule = file.substring("rule-tests/".length(), file.length() - ".json".length());
            if (onlyRule != null && !onlyRule.equals(rule)) {
                continue;
            }
            JsonNode tests = read(file);
            if (!byName.containsKey(rule) || !rule.equals(tests.path("rule").asText())) {
                results.add(new CaseResult(rule, file, 0, 0, file + " names no rule (or its \"rule\" field differs)"));
                continue;
            }
            cases.addAll(casesOf(rule, tests.path("cases")));
        }
        for (String rule : byName.keySet()) {
            if (onlyRule != null && !onlyRule.equals(rule)) {
                continue;
            }
            boolean positive = cases.stream().anyMatch(c -> c.rule.equals(rule) && c.expected > 0);
            boolean negative = cases.stream().anyMatch(c -> c.rule.equals(rule) && c.expected == 0);
            if (!positive || !negative) {
                results.add(new CaseResult(rule, "(coverage)", 0, 0,
                        "needs test events that trigger it and events that do not (rule-tests/" + rule + ".json)"));
            }
        }
        results.addAll(execute(env, rules, cases));
        return results;
    }

    private static List<TestCase> casesOf(String rule, JsonNode cases) {
        List<TestCase> out = new ArrayList<>();
        int i = 0;
        for (JsonNode c : cases) {
            List<byte[]> records = new ArrayList<>();
            for (JsonNode record : c.path("records")) {
                records.add((record.isTextual() ? record.asText() : record.toString())
                        .getBytes(StandardCharsets.UTF_8));
            }
            out.add(new TestCase(rule, c.path("name").asText("case " + i), "test/" + rule + "/" + i,
                    c.path("expect_alerts").asInt(), records));
            i++;
        }
        return out;
    }

    private static List<CaseResult> execute(StreamExecutionEnvironment env, List<Rule> rules, List<TestCase> cases)
            throws Exception {
        if (cases.isEmpty()) {
            return List.of();
        }
        Map<String, List<byte[]>> recordsBySource = new LinkedHashMap<>();
        cases.forEach(c -> recordsBySource.put(c.source, c.records));
        Outcome outcome = Outcome.of(env, rules, recordsBySource);
        List<CaseResult> results = new ArrayList<>();
        for (TestCase c : cases) {
            int triggered = outcome.alerts(c.source, c.rule);
            String reason = outcome.deadLetters.containsKey(c.source)
                    ? "a test record was not usable: " + outcome.deadLetters.get(c.source)
                    : triggered != c.expected ? "expected " + c.expected + " alerts, got " + triggered : null;
            results.add(new CaseResult(c.rule, c.name, c.expected, triggered, reason));
        }
        return results;
    }

    private static JsonNode read(String resource) throws IOException {
        return MAPPER.readTree(ClasspathFiles.read(resource));
    }

    /** One case: the records of one rule's test, and the alerts it expects. */
    private static final class TestCase {
        final String rule;
        final String name;
        final String source;
        final int expected;
        final List<byte[]> records;

        TestCase(String rule, String name, String source, int expected, List<byte[]> records) {
            this.rule = rule;
            this.name = name;
            this.source = source;
            this.expected = expected;
            this.records = records;
        }
    }
}
