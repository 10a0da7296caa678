package dev.streamwarden.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.launcher.ruletest.CaseResult;
import dev.streamwarden.launcher.ruletest.RuleTests;
import dev.streamwarden.launcher.ruletest.StreamAlertTests;
import dev.streamwarden.rules.RuleCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code test-rules [--rule NAME] [--json] [--events FILE...]}: every rule's test events (or StreamAlert
 * test-event files) through the real classify → normalize → rules path; a table of rule, cases, passed, failed,
 * then the other rules' alerts on each case and the reasons of failures, or one JSON object per case. Exit 1 on
 * any failure.
 */
final class TestRulesCommand {
    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("rule", "events"), Set.of("json"));
        StreamExecutionEnvironment env =
                LocalRuntime.environment(LocalRuntime.failingFast(LocalRuntime.configuration()));
        env.setParallelism(1);
        List<CaseResult> results;
        if (args.options.containsKey("events")) {
            List<Path> files = new ArrayList<>();
            files.add(Path.of(args.get("events", null)));
            args.positional.forEach(f -> files.add(Path.of(f)));
            results = StreamAlertTests.run(env, RuleCatalog.all(), files);
        } else {
            results = RuleTests.run(env, RuleCatalog.all(), args.options.get("rule"));
        }
        if (args.options.containsKey("json")) {
            ObjectMapper mapper = new ObjectMapper();
            for (CaseResult r : results) {
                ObjectNode line = mapper.createObjectNode();
                line.put("rule", r.rule);
                line.put("case", r.name);
                line.put("expected", r.expected);
                line.put("triggered", r.triggered);
                ObjectNode others = line.putObject("other_alerts");
                r.otherAlerts.forEach(others::put);
                line.put("passed", r.passed);
                line.put("reason", r.reason);
                System.out.println(line);
            }
        } else {
            print(results);
        }
        return results.stream().allMatch(r -> r.passed) ? 0 : 1;
    }

    private static void print(List<CaseResult> results) {
        Map<String, int[]> perRule = new TreeMap<>();
        for (CaseResult r : results) {
            int[] counts = perRule.computeIfAbsent(r.rule, k -> new int[3]);
            counts[0]++;
            counts[r.passed ? 1 : 2]++;
        }
        System.out.printf("%-48s %6s %7s %7s%n", "rule", "cases", "passed", "failed");
        perRule.forEach((rule, c) -> System.out.printf("%-48s %6d %7d %7d%n", rule, c[0], c[1], c[2]));
        for (CaseResult r : results) {
            if (!r.otherAlerts.isEmpty()) {
                StringBuilder others = new StringBuilder();
                r.otherAlerts.forEach((rule, n) -> others.append(others.length() == 0 ? "" : ", ")
                        .append(rule)
                        .append(" x")
                        .append(n));
                System.out.println("ALSO " + r.rule + ": " + r.name + ": " + others);
            }
        }
        for (CaseResult r : results) {
            if (!r.passed) {
                System.out.println("FAILED " + r.rule + ": " + r.name + ": " + r.reason);
            }
        }
    }
}
