package dev.streamwarden.job;

import dev.streamwarden.api.Rule;
import dev.streamwarden.job.config.ConfigException;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.PropertyGroups;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.deliver.OutputRoutes;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.source.Sources;
import dev.streamwarden.rules.RuleCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job's entry point on a cluster (Managed Flink): configuration from the runtime properties, or from
 * {@code --config FILE} in the same JSON shape. Checkpointing is the cluster's to set.
 */
public final class StreamwardenJob {
    private static final Logger LOG = LoggerFactory.getLogger(StreamwardenJob.class);

    private StreamwardenJob() {}

    public static void main(String[] args) throws Exception {
        Path configFile = PropertyGroups.MANAGED_FLINK_FILE;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--config")) {
                configFile = Path.of(args[i + 1]);
            }
        }
        StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(
                        PropertyGroups.read(configFile), System.getenv())
                .resolveSecrets();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        build(env, config);
        env.execute("streamwarden");
    }

    /** Defines the job on an environment: shared by the cluster entry point, the launcher and the tests. */
    public static void build(StreamExecutionEnvironment env, StreamwardenConfig config) {
        build(env, config, Sources.from(env, config));
    }

    /** The job over records from elsewhere (the fuzzer's generator). */
    public static void build(StreamExecutionEnvironment env, StreamwardenConfig config, DataStream<RawRecord> records) {
        LOG.info("Starting with {}", config);
        // Operators never modify their inputs, so chained operators may share instances instead of copying.
        env.getConfig().enableObjectReuse();
        // An alert crosses four network hops on its way out; at Flink's default each may hold it 100 ms.
        env.setBufferTimeout(config.bufferTimeout().toMillis());
        Pipeline.define(records, config, enabledRules(config));
    }

    /**
     * Everything the job checks at start-up beyond the configuration itself (rule names, outputs the rules send to),
     * without starting anything: every problem at once.
     */
    public static void check(StreamwardenConfig config) {
        enabledRules(config);
    }

    /** The catalog minus the rules configuration switches off; naming a rule that does not exist is an error. */
    static List<Rule> enabledRules(StreamwardenConfig config) {
        List<String> problems = new ArrayList<>();
        List<Rule> enabled = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Rule rule : RuleCatalog.all()) {
            names.add(rule.name());
            if (!config.disabledRules().contains(rule.name())) {
                enabled.add(rule);
            }
        }
        for (String name : config.disabledRules()) {
            if (!names.contains(name)) {
                problems.add(ConfigKeys.RULES_DISABLED.key() + ": no rule named " + name);
            }
        }
        for (String name : config.promotedRules()) {
            if (!names.contains(name)) {
                problems.add(ConfigKeys.RULES_PROMOTED.key() + ": no rule named " + name);
            }
        }
        problems.addAll(outputProblems(enabled, config));
        ConfigException.throwIfAny(problems);
        return enabled;
    }

    /**
     * Every output a rule names, static or declared for per-event routing ({@code RuleSpec.withDynamicOutputs}), must
     * exist: a typo fails at start-up, not at 3 a.m. Outputs are {@code slack:NAME} (a webhook of its own in
     * slack.outputs, or the default webhook), {@code webhook:NAME} (webhook.outputs) and {@code staging}. Without
     * any webhook (local runs) Slack is off and alerts are archived only.
     */
    static void checkOutputs(List<Rule> rules, StreamwardenConfig config) {
        ConfigException.throwIfAny(outputProblems(rules, config));
    }

    /** One problem per output that does not exist, naming the first rule that sends to it and how many more do. */
    private static List<String> outputProblems(List<Rule> rules, StreamwardenConfig config) {
        OutputRoutes routes = OutputRoutes.of(config);
        Map<String, List<String>> rulesByProblem = new LinkedHashMap<>();
        for (Rule rule : rules) {
            for (String output : rule.spec().outputs()) {
                addProblem(rule.name() + " sends to", output, routes, rulesByProblem);
            }
            for (String output : rule.spec().dynamicOutputs()) {
                addProblem(rule.name() + " may send to", output, routes, rulesByProblem);
            }
        }
        List<String> problems = new ArrayList<>();
        rulesByProblem.forEach((problem, senders) -> problems.add("rule " + senders.get(0) + " " + problem
                + (senders.size() == 1 ? "" : " (and " + (senders.size() - 1) + " more rules)")));
        return problems;
    }

    /** {@code what}: "RULE sends to" or "RULE may send to", the start of the error. */
    private static void addProblem(
            String what, String output, OutputRoutes routes, Map<String, List<String>> rulesByProblem) {
        String problem = routes.problem(output);
        if (problem != null) {
            rulesByProblem.computeIfAbsent(problem, p -> new ArrayList<>()).add(what);
        }
    }
}
