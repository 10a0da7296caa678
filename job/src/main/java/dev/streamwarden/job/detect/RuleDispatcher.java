package dev.streamwarden.job.detect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.DistinctCountRule;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.api.Rule;
import dev.streamwarden.api.SequenceRule;
import dev.streamwarden.api.ThresholdRule;
import dev.streamwarden.api.WindowCountRule;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.RuleInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Offers an event to the rules of its log type: stateless rules are evaluated (alerts), window-count and sequence
 * rules get {@link RuleInput}s for their keyed stages. Free of Flink, so the operator and the benchmark share it.
 */
public final class RuleDispatcher {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ANY = "*";

    /** Where the dispatcher sends what rules make of an event. */
    public interface Results {
        void alert(MatchRule rule, Alert alert);

        void counted(RuleInput input);

        void sequenced(RuleInput input);

        /** A rule threw on the event (or picked an output it does not declare); the other rules still run. */
        void failed(Rule rule, Throwable error);
    }

    private final Map<String, List<MatchRule>> matchRulesByLogType = new HashMap<>();
    private final Map<String, List<WindowCountRule>> countRulesByLogType = new HashMap<>();
    private final Map<String, List<SequenceRule>> sequenceRulesByLogType = new HashMap<>();

    public RuleDispatcher(List<Rule> rules) {
        for (Rule rule : rules) {
            // Rules chosen by normalized fields (any log type) are filed under every log type's "any" entry.
            for (String logType :
                    rule.spec().logTypes().isEmpty() ? Set.of(ANY) : rule.spec().logTypes()) {
                if (rule instanceof MatchRule) {
                    matchRulesByLogType
                            .computeIfAbsent(logType, t -> new ArrayList<>())
                            .add((MatchRule) rule);
                } else if (rule instanceof WindowCountRule) {
                    countRulesByLogType
                            .computeIfAbsent(logType, t -> new ArrayList<>())
                            .add((WindowCountRule) rule);
                } else if (rule instanceof SequenceRule) {
                    sequenceRulesByLogType
                            .computeIfAbsent(logType, t -> new ArrayList<>())
                            .add((SequenceRule) rule);
                } else {
                    throw new IllegalArgumentException("unsupported rule kind: " + rule);
                }
            }
        }
    }

    public void dispatch(Event event, Results results) {
        dispatch(event, event.logType, results);
        dispatch(event, ANY, results);
    }

    private void dispatch(Event event, String logType, Results results) {
        for (MatchRule rule : matchRulesByLogType.getOrDefault(logType, List.of())) {
            try {
                if (rule.spec().admits(event) && rule.matches(event)) {
                    results.alert(rule, alertFor(rule, event, results));
                }
            } catch (RuntimeException | StackOverflowError e) {
                results.failed(rule, e);
            }
        }
        for (WindowCountRule rule : countRulesByLogType.getOrDefault(logType, List.of())) {
            try {
                if (rule.spec().admits(event) && rule.filter(event)) {
                    String value =
                            rule instanceof DistinctCountRule ? ((DistinctCountRule) rule).distinctValue(event) : null;
                    if (value != null || rule instanceof ThresholdRule) {
                        results.counted(inputFor(rule, rule.key(event), event, value));
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                results.failed(rule, e);
            }
        }
        for (SequenceRule rule : sequenceRulesByLogType.getOrDefault(logType, List.of())) {
            try {
                if (!rule.spec().admits(event)) {
                    continue;
                }
                boolean firstStep = rule.first(event);
                boolean secondStep = rule.then(event);
                if (firstStep || secondStep) {
                    RuleInput input = inputFor(rule, rule.key(event), event, rule.value(event));
                    input.firstStep = firstStep;
                    input.secondStep = secondStep;
                    results.sequenced(input);
                }
            } catch (RuntimeException | StackOverflowError e) {
                results.failed(rule, e);
            }
        }
    }

    private static Alert alertFor(MatchRule rule, Event event, Results results) {
        Alert alert = Alerts.of(
                rule, event.envelope.source, event.logType, mergeKey(rule, event), new String[] {event.record});
        List<String> dynamic = rule.dynamicOutputs(event);
        if (!dynamic.isEmpty()) {
            List<String> outputs = new ArrayList<>(List.of(alert.outputs));
            List<String> undeclared = new ArrayList<>();
            for (String output : dynamic) {
                if (output == null || !rule.spec().dynamicOutputs().contains(output)) {
                    undeclared.add(output);
                } else if (!outputs.contains(output)) {
                    outputs.add(output);
                }
            }
            if (!undeclared.isEmpty()) {
                // Unchecked at start-up, it could go nowhere or crash delivery: the rule's fault, dead-lettered.
                results.failed(rule, new UndeclaredOutputException(undeclared));
            }
            alert.outputs = outputs.toArray(new String[0]);
        }
        alert.id = Alerts.id(rule.name(), event.envelope.source, event.record);
        alert.fields = event.normalized;
        alert.eventCount = 1;
        alert.firstSeen = event.eventTime;
        alert.lastSeen = event.eventTime;
        return alert;
    }

    /** The values of the rule's merge keys (normalized field names or record paths) as a JSON object. */
    private static String mergeKey(MatchRule rule, Event event) {
        if (rule.spec().mergeKeys().isEmpty()) {
            return "{}";
        }
        ObjectNode key = MAPPER.createObjectNode();
        for (String name : rule.spec().mergeKeys()) {
            Object value = Normalized.NAMES.contains(name) ? event.normalized.get(name) : event.text(name);
            key.put(name, value == null ? null : value.toString());
        }
        return key.toString();
    }

    private static RuleInput inputFor(Rule rule, LinkedHashMap<String, String> key, Event event, String value) {
        ObjectNode keyJson = MAPPER.createObjectNode();
        key.forEach(keyJson::put);
        RuleInput input = new RuleInput();
        input.rule = rule.name();
        input.envelope = event.envelope;
        input.logType = event.logType;
        input.key = keyJson.toString();
        input.value = value;
        input.eventTime = event.eventTime;
        input.record = event.record;
        input.fields = event.normalized;
        return input;
    }
}
