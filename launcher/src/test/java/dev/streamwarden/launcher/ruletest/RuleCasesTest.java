package dev.streamwarden.launcher.ruletest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.testing.TestClusters;
import dev.streamwarden.rules.RuleCatalog;
import java.util.List;
import java.util.stream.Stream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every rule's test events (rules/src/main/resources/rule-tests/RULE.json) through the real job path, as
 * {@code bin/streamwarden test-rules} runs them: a failing case, a test file naming no rule, or a rule without
 * positive and negative cases fails the build.
 */
class RuleCasesTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = TestClusters.failFast(2);

    @TestFactory
    Stream<DynamicTest> everyRuleCasePasses() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(1);
        env.getConfig().disableGenericTypes();
        List<CaseResult> results = RuleTests.run(env, RuleCatalog.all(), null);
        assertTrue(results.size() >= 3 * RuleCatalog.all().size(), "cases: " + results.size());
        return results.stream()
                .map(r -> DynamicTest.dynamicTest(
                        r.rule + ": " + r.name, () -> assertTrue(r.passed, r.rule + ": " + r.name + ": " + r.reason)));
    }
}
