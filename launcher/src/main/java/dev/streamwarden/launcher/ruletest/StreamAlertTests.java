package dev.streamwarden.launcher.ruletest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs StreamAlert test-event files against these rules, for users migrating: JSON arrays of objects with
 * {@code data} (the record) or {@code override_record} (fields laid over a template record of the log type),
 * {@code log}, {@code service}, {@code source}, {@code trigger_rules} and {@code classify_only}. StreamAlert log
 * names map to log types by {@link #LOG_TYPES}. A case passes when the record classifies as the mapped log type
 * and every listed rule fires (rules this project does not have are failures that name them).
 */
public final class StreamAlertTests {
    /** StreamAlert log name → the log types it may classify as here (documented in the README). */
    public static final Map<String, Set<String>> LOG_TYPES = Map.ofEntries(
            Map.entry("cloudtrail:events", Set.of("cloudtrail")),
            Map.entry("cloudtrail:insight", Set.of("cloudtrail")),
            Map.entry("cloudwatch:cloudtrail", Set.of("cloudtrail")),
            Map.entry("cloudwatch:events", Set.of("cloudwatch_event", "cloudtrail", "guardduty", "config_compliance")),
            Map.entry("cloudwatch:flow_logs", Set.of("vpc_flow")),
            Map.entry("flow_logs", Set.of("vpc_flow")),
            Map.entry("osquery:differential", Set.of("osquery_differential")),
            Map.entry("osquery:snapshot", Set.of("osquery_snapshot")),
            Map.entry("osquery:batch", Set.of("osquery_differential")),
            Map.entry("fleet:results", Set.of("osquery_differential", "osquery_snapshot")),
            Map.entry("duo:authentication", Set.of("duo_authentication")),
            Map.entry("duo:administrator", Set.of("duo_administrator")),
            Map.entry("okta:logevent", Set.of("okta_system")),
            Map.entry("okta:logevents", Set.of("okta_system")),
            Map.entry("github:general", Set.of("github_audit")),
            Map.entry("ghe:general", Set.of("github_audit")),
            Map.entry("ghe:cloud", Set.of("github_audit")),
            Map.entry("ghce:cloud", Set.of("github_audit")),
            Map.entry("guardduty:details", Set.of("guardduty")),
            Map.entry("aws_config:compliance", Set.of("config_compliance")));

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StreamAlertTests() {}

    public static List<CaseResult> run(StreamExecutionEnvironment env, List<Rule> rules, List<Path> files)
            throws Exception {
        Set<String> ruleNames = new TreeSet<>();
        rules.forEach(r -> ruleNames.add(r.name()));
        List<CaseResult> results = new ArrayList<>();
        Map<String, List<byte[]>> records = new LinkedHashMap<>();
        Map<String, JsonNode> tests = new LinkedHashMap<>();
        for (Path file : files) {
            JsonNode events = MAPPER.readTree(Files.readAllBytes(file));
            if (!events.isArray()) {
                events = MAPPER.createArrayNode().add(events);
            }
            int i = 0;
            for (JsonNode test : events) {
                String source = "streamalert/" + file.getFileName() + "/" + i++;
                String name = file.getFileName() + "#" + (i - 1) + " "
                        + test.path("description").asText("");
                try {
                    records.put(source, List.of(record(test)));
                    tests.put(source, test);
                } catch (IllegalArgumentException e) {
                    results.add(CaseResult.verdict("(streamalert)", name, e.getMessage()));
                }
            }
        }
        Outcome outcome = records.isEmpty() ? null : Outcome.of(env, rules, records);
        for (Map.Entry<String, JsonNode> e : tests.entrySet()) {
            results.addAll(evaluate(e.getKey(), e.getValue(), outcome, ruleNames));
        }
        return results;
    }

    private static List<CaseResult> evaluate(String source, JsonNode test, Outcome outcome, Set<String> rules) {
        String name = source.substring("streamalert/".length()) + " "
                + test.path("description").asText("");
        String log = test.path("log").asText();
        // A log with no mapping here can only be held to classifying at all.
        ExpectedLogType expected =
                LOG_TYPES.containsKey(log) ? ExpectedLogType.oneOf(LOG_TYPES.get(log)) : ExpectedLogType.any();
        String problem = outcome.classificationProblem(source, 1, expected);
        if (problem != null) {
            return List.of(CaseResult.verdict("(classify)", name, problem + " (StreamAlert log " + log + ")"));
        }
        List<CaseResult> results = new ArrayList<>();
        if (test.path("classify_only").asBoolean(false)) {
            results.add(CaseResult.verdict("(classify)", name, null));
            return results;
        }
        Map<String, Integer> alerts = outcome.alerts(source);
        for (JsonNode rule : test.path("trigger_rules")) {
            String r = rule.asText();
            int triggered = alerts.getOrDefault(r, 0);
            String reason = !rules.contains(r)
                    ? "no rule named " + r + " here"
                    : triggered == 0 ? "expected " + r + " to trigger" : null;
            results.add(new CaseResult(r, name, 1, triggered, Map.of(), reason));
        }
        if (results.isEmpty()) {
            results.add(CaseResult.verdict("(none)", name, null));
        }
        return results;
    }

    /** The record's bytes: {@code data} as is (text, or JSON), or {@code override_record} over a template. */
    private static byte[] record(JsonNode test) throws IOException {
        JsonNode data = test.get("data");
        if (data != null) {
            return (data.isTextual() ? data.asText() : data.toString()).getBytes(StandardCharsets.UTF_8);
        }
        JsonNode override = test.get("override_record");
        if (override == null || !override.isObject()) {
            throw new IllegalArgumentException("neither data nor override_record");
        }
        Set<String> types = LOG_TYPES.get(test.path("log").asText());
        if (types == null) {
            throw new IllegalArgumentException("override_record needs a known StreamAlert log, not '"
                    + test.path("log").asText() + "'");
        }
        ObjectNode template = template(types.stream().sorted().findFirst().orElseThrow());
        merge(template, override);
        return template.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The first JSON event of the log type's fixtures: a complete record to lay overrides over. */
    private static ObjectNode template(String logType) throws IOException {
        for (String file : ClasspathFiles.list("fixtures/" + logType, "")) {
            if (file.endsWith(".expect.json")) {
                continue;
            }
            String text = new String(ClasspathFiles.read(file), StandardCharsets.UTF_8);
            if (!text.startsWith("{")) {
                continue;
            }
            JsonNode first = MAPPER.readTree(text.split("\n")[0]);
            JsonNode batch = first.path("Records");
            return (ObjectNode) (batch.isArray() && batch.size() > 0 ? batch.get(0) : first);
        }
        throw new IllegalArgumentException("no JSON template record for log type " + logType);
    }

    private static void merge(ObjectNode target, JsonNode override) {
        for (Iterator<Map.Entry<String, JsonNode>> it = override.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = target.get(e.getKey());
            if (existing instanceof ObjectNode && e.getValue().isObject()) {
                merge((ObjectNode) existing, e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }
}
