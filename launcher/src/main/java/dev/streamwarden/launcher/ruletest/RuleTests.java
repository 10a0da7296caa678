package dev.streamwarden.launcher.ruletest;

import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import dev.streamwarden.job.classify.schema.SchemaRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs every rule's test events ({@code rule-tests/RULE.json} in rules/) through the real detection path, with
 * every rule, in one bounded Flink job. Each case is its own source ("test/RULE/N"), and the source is part of every
 * key, so cases never share state. A case passes when every record classified as the case's log type (its own
 * {@code log_type}, else the rule's), its rule raised exactly {@code expect_alerts} alerts, and the other rules
 * raised exactly the alerts it declares in {@code other_alerts} (none when it declares none). A broken test file
 * ({@link RuleTestFile}), a file of an unregistered rule, or a rule without positive and negative cases is a
 * failure.
 */
public final class RuleTests {
    private static final String FOLDER = "rule-tests";

    private RuleTests() {}

    /** Runs the bundled cases of {@code onlyRule} (or of every rule when null) on the given environment. */
    public static List<CaseResult> run(StreamExecutionEnvironment env, List<Rule> rules, String onlyRule)
            throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String path : ClasspathFiles.list(FOLDER, ".json")) {
            files.put(path, ClasspathFiles.read(path));
        }
        return run(env, rules, onlyRule, files);
    }

    /** Runs the cases of the given rule-test files (path → content; the file name names the rule). */
    public static List<CaseResult> run(
            StreamExecutionEnvironment env, List<Rule> rules, String onlyRule, Map<String, byte[]> files)
            throws Exception {
        Map<String, Rule> byName = new LinkedHashMap<>();
        rules.forEach(r -> byName.put(r.name(), r));
        if (onlyRule != null && !byName.containsKey(onlyRule)) {
            throw new IllegalArgumentException("no rule named " + onlyRule + " is registered in RuleCatalog ("
                    + RuleTestFile.CATALOG + "; rules: " + String.join(", ", byName.keySet()) + ")");
        }
        Set<String> logTypes =
                new TreeSet<>(SchemaRegistry.bundled().byLogType().keySet());
        List<CaseResult> results = new ArrayList<>();
        List<RuleTestCase> cases = new ArrayList<>();
        files.forEach((path, content) -> {
            RuleTestFile file = RuleTestFile.read(path, content, byName, logTypes);
            if (onlyRule == null || onlyRule.equals(file.rule)) {
                results.addAll(file.errors);
                cases.addAll(file.cases);
            }
        });
        for (String rule : byName.keySet()) {
            boolean positive = cases.stream().anyMatch(c -> c.rule.equals(rule) && c.expectedAlerts > 0);
            boolean negative = cases.stream().anyMatch(c -> c.rule.equals(rule) && c.expectedAlerts == 0);
            if ((onlyRule == null || onlyRule.equals(rule)) && (!positive || !negative)) {
                results.add(CaseResult.verdict(
                        rule,
                        "(coverage)",
                        "needs test events that trigger it and events " + "that do not (" + FOLDER + "/" + rule
                                + ".json)"));
            }
        }
        if (!cases.isEmpty()) {
            Map<String, List<byte[]>> recordsBySource = new LinkedHashMap<>();
            cases.forEach(c -> recordsBySource.put(c.source, c.records));
            Outcome outcome = Outcome.of(env, rules, recordsBySource);
            cases.forEach(c -> results.add(judge(c, outcome)));
        }
        return results;
    }

    private static CaseResult judge(RuleTestCase c, Outcome outcome) {
        Map<String, Integer> others = new LinkedHashMap<>(outcome.alerts(c.source));
        Integer triggered = others.remove(c.rule);
        int count = triggered == null ? 0 : triggered;
        List<String> problems = new ArrayList<>();
        String classification = outcome.classificationProblem(c.source, c.records.size(), c.logType);
        if (classification != null) {
            problems.add(classification);
        }
        if (count != c.expectedAlerts) {
            problems.add("expected " + c.expectedAlerts + " alerts, got " + count);
        }
        Set<String> otherRules = new TreeSet<>(others.keySet());
        otherRules.addAll(c.otherAlerts.keySet());
        for (String other : otherRules) {
            int declared = c.otherAlerts.getOrDefault(other, 0);
            int raised = others.getOrDefault(other, 0);
            if (raised != declared) {
                problems.add(other + " raised " + raised + " alerts, "
                        + (c.otherAlerts.containsKey(other)
                                ? "other_alerts declares " + declared
                                : "not declared (add \"other_alerts\": {\"" + other + "\": " + raised
                                        + "} if intended)"));
            }
        }
        return new CaseResult(
                c.rule,
                c.name,
                c.expectedAlerts,
                count,
                others,
                problems.isEmpty() ? null : String.join("; ", problems));
    }
}
