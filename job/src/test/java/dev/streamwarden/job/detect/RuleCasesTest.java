package dev.streamwarden.job.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.RuleInput;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import dev.streamwarden.rules.RuleCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rule's test events (rules/src/main/resources/rule-tests/RULE.json) through the real path: unpack,
 * classify, the stateless rule operator and the keyed stateful operator.
 */
class RuleCasesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, Rule> RULES =
            RuleCatalog.all().stream().collect(Collectors.toMap(Rule::name, r -> r));

    @TestFactory
    Stream<DynamicTest> everyRuleCase() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule rule : RULES.values()) {
            JsonNode file = testFile(rule.name());
            for (JsonNode testCase : file.path("cases")) {
                tests.add(DynamicTest.dynamicTest(rule.name() + ": " + testCase.path("name").asText(),
                        () -> assertEquals(testCase.path("expect_alerts").asInt(), alerts(rule, testCase).size(),
                                "alerts for case '" + testCase.path("name").asText() + "'")));
            }
        }
        return tests.stream();
    }

    @Test
    void everyRuleHasPositiveAndNegativeCases() throws IOException {
        for (Rule rule : RULES.values()) {
            JsonNode cases = testFile(rule.name()).path("cases");
            boolean positive = false;
            boolean negative = false;
            for (JsonNode c : cases) {
                positive |= c.path("expect_alerts").asInt() > 0;
                negative |= c.path("expect_alerts").asInt() == 0;
            }
            assertTrue(positive && negative, rule.name() + " needs positive and negative test events");
        }
    }

    @Test
    void everyTestFileBelongsToARule() throws Exception {
        Set<String> files = new TreeSet<>();
        URI dir = RuleCatalog.class.getResource("/rule-tests").toURI();
        try (FileSystem jar = dir.getScheme().equals("jar")
                ? FileSystems.newFileSystem(dir, Collections.emptyMap()) : null;
                Stream<Path> paths = Files.list(Path.of(dir))) {
            paths.forEach(p -> files.add(p.getFileName().toString().replaceAll("\\.json$", "")));
        }
        for (String file : files) {
            assertTrue(RULES.containsKey(file), "rule-tests/" + file + ".json names no rule");
            assertEquals(file, testFile(file).path("rule").asText(), "rule field of rule-tests/" + file + ".json");
        }
        assertEquals(RULES.keySet(), files);
    }

    private static JsonNode testFile(String rule) throws IOException {
        try (InputStream in = RuleCatalog.class.getResourceAsStream("/rule-tests/" + rule + ".json")) {
            if (in == null) {
                fail("rule " + rule + " has no test events (rules/src/main/resources/rule-tests/" + rule + ".json)");
            }
            return MAPPER.readTree(in);
        }
    }

    /** The alerts one rule raises on one case's records, through the real operators. */
    static List<Alert> alerts(Rule rule, JsonNode testCase) throws Exception {
        List<Event> events = classify(testCase.path("records"));
        List<Alert> alerts = new ArrayList<>();
        List<RuleInput> stateful = new ArrayList<>();
        try (OneInputStreamOperatorTestHarness<Event, Alert> match =
                ProcessFunctionTestHarnesses.forProcessFunction(new MatchRules(List.of(rule)))) {
            for (Event event : events) {
                match.processElement(event, event.eventTime);
            }
            alerts.addAll(match.extractOutputValues());
            if (match.getSideOutput(MatchRules.STATEFUL) != null) {
                match.getSideOutput(MatchRules.STATEFUL).forEach(r -> stateful.add(r.getValue()));
            }
        }
        try (KeyedOneInputStreamOperatorTestHarness<String, RuleInput, Alert> count =
                new KeyedOneInputStreamOperatorTestHarness<>(
                        new KeyedProcessOperator<>(new DistinctCount(List.of(rule), Duration.ofHours(2))),
                        RuleInput::partitionKey, Types.STRING)) {
            count.open();
            for (RuleInput input : stateful) {
                count.processElement(new StreamRecord<>(input, input.eventTime));
            }
            count.processWatermark(new Watermark(Long.MAX_VALUE));
            alerts.addAll(count.extractOutputValues());
        }
        for (Alert alert : alerts) {
            assertEquals(rule.name(), alert.rule);
        }
        return alerts;
    }

    private static List<Event> classify(JsonNode records) {
        Unpacker unpacker = new Unpacker(new UnpackLimits(10 << 20, 64 << 20, 1 << 20));
        Classifier classifier = Classifier.standard();
        List<Event> events = new ArrayList<>();
        for (JsonNode record : records) {
            byte[] data = (record.isTextual() ? record.asText() : record.toString()).getBytes(StandardCharsets.UTF_8);
            unpacker.unpack(new RawRecord("rule-test", "case", null, null, 0L, data), new UnpackOutput() {
                @Override
                public void event(RawEvent raw) {
                    ParseResult result = classifier.classify(raw);
                    if (!result.matched()) {
                        fail("test event does not classify: " + result.miss());
                    }
                    events.addAll(result.events());
                }

                @Override
                public void deadLetter(String reason, byte[] bytes) {
                    fail("test record does not unpack: " + reason);
                }

                @Override
                public void controlMessage() {}
            });
        }
        return events;
    }
}
