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
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RuleInput;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the stateless rules where the event already is (no shuffle) and turns events that count towards a
 * stateful rule (window count or sequence) into {@link RuleInput}s for the keyed stages. An event is offered only
 * to rules of its log type. A rule that throws is counted and dead-lettered; the other rules and the job go on.
 */
public class MatchRules extends ProcessFunction<Event, Alert> {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Events for threshold and distinct-count rules, to be keyed by (rule, source, key). */
    public static final OutputTag<RuleInput> COUNTED =
            new OutputTag<>("window-count-input", TypeInformation.of(RuleInput.class));
    /** Events for sequence rules, to be keyed by (rule, source, key). */
    public static final OutputTag<RuleInput> SEQUENCED =
            new OutputTag<>("sequence-input", TypeInformation.of(RuleInput.class));

    private final List<Rule> rules;

    private transient Map<String, List<MatchRule>> matchRulesByLogType;
    private transient Map<String, List<WindowCountRule>> countRulesByLogType;
    private transient Map<String, List<SequenceRule>> sequenceRulesByLogType;
    private transient Tally.Family alertsPerRule;
    private transient Tally.Family errorsPerRule;

    public MatchRules(List<Rule> rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        matchRulesByLogType = new HashMap<>();
        countRulesByLogType = new HashMap<>();
        sequenceRulesByLogType = new HashMap<>();
        for (Rule rule : rules) {
            for (String logType : rule.spec().logTypes()) {
                if (rule instanceof MatchRule) {
                    matchRulesByLogType.computeIfAbsent(logType, t -> new ArrayList<>()).add((MatchRule) rule);
                } else if (rule instanceof WindowCountRule) {
                    countRulesByLogType.computeIfAbsent(logType, t -> new ArrayList<>()).add((WindowCountRule) rule);
                } else if (rule instanceof SequenceRule) {
                    sequenceRulesByLogType.computeIfAbsent(logType, t -> new ArrayList<>()).add((SequenceRule) rule);
                } else {
                    throw new IllegalArgumentException("unsupported rule kind: " + rule);
                }
            }
        }
        alertsPerRule = new Tally.Family(getRuntimeContext(), "alerts");
        errorsPerRule = new Tally.Family(getRuntimeContext(), "rule_errors");
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Alert> out) {
        for (MatchRule rule : matchRulesByLogType.getOrDefault(event.logType, List.of())) {
            try {
                if (rule.matches(event)) {
                    alertsPerRule.get(rule.name()).inc();
                    out.collect(alertFor(rule, event));
                }
            } catch (RuntimeException e) {
                ruleFailed(rule, event, e, ctx);
            }
        }
        for (WindowCountRule rule : countRulesByLogType.getOrDefault(event.logType, List.of())) {
            try {
                if (rule.filter(event)) {
                    String value = rule instanceof DistinctCountRule ? ((DistinctCountRule) rule).distinctValue(event)
                            : null;
                    if (value != null || rule instanceof ThresholdRule) {
                        ctx.output(COUNTED, inputFor(rule, rule.key(event), event, value, 0));
                    }
                }
            } catch (RuntimeException e) {
                ruleFailed(rule, event, e, ctx);
            }
        }
        for (SequenceRule rule : sequenceRulesByLogType.getOrDefault(event.logType, List.of())) {
            try {
                int steps = (rule.first(event) ? RuleInput.FIRST : 0) | (rule.then(event) ? RuleInput.THEN : 0);
                if (steps != 0) {
                    ctx.output(SEQUENCED, inputFor(rule, rule.key(event), event, rule.value(event), steps));
                }
            } catch (RuntimeException e) {
                ruleFailed(rule, event, e, ctx);
            }
        }
    }

    private static Alert alertFor(MatchRule rule, Event event) {
        Alert alert = Alerts.of(rule, event.source, event.logType, mergeKey(rule, event), new String[] {event.record});
        List<String> dynamic = rule.dynamicOutputs(event);
        if (!dynamic.isEmpty()) {
            List<String> outputs = new ArrayList<>(List.of(alert.outputs));
            dynamic.stream().filter(o -> !outputs.contains(o)).forEach(outputs::add);
            alert.outputs = outputs.toArray(new String[0]);
        }
        alert.id = Alerts.id(rule.name(), event.source, event.record);
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

    private static RuleInput inputFor(Rule rule, LinkedHashMap<String, String> key, Event event, String value,
            int steps) {
        ObjectNode keyJson = MAPPER.createObjectNode();
        key.forEach(keyJson::put);
        RuleInput input = new RuleInput();
        input.rule = rule.name();
        input.source = event.source;
        input.logType = event.logType;
        input.key = keyJson.toString();
        input.value = value;
        input.steps = steps;
        input.eventTime = event.eventTime;
        input.record = event.record;
        return input;
    }

    private void ruleFailed(Rule rule, Event event, RuntimeException e, Context ctx) {
        errorsPerRule.get(rule.name()).inc();
        String reason = "rule " + rule.name() + " threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        ctx.output(DeadLetter.TAG, DeadLetter.of("detect", reason, event.source, event.origin, event.sequenceNumber,
                event.arrivalTime, event.record.getBytes(StandardCharsets.UTF_8)));
    }
}
