package dev.streamwarden.job.detect;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RuleInput;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
    /** Events for threshold and distinct-count rules, to be keyed by (rule, source, key). */
    public static final OutputTag<RuleInput> COUNTED =
            new OutputTag<>("window-count-input", TypeInformation.of(RuleInput.class));
    /** Events for sequence rules, to be keyed by (rule, source, key). */
    public static final OutputTag<RuleInput> SEQUENCED =
            new OutputTag<>("sequence-input", TypeInformation.of(RuleInput.class));

    private final List<Rule> rules;

    private transient RuleDispatcher dispatcher;
    private transient Tally.Family alertsPerRule;
    private transient Tally.Family errorsPerRule;

    public MatchRules(List<Rule> rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        dispatcher = new RuleDispatcher(rules);
        alertsPerRule = new Tally.Family(getRuntimeContext(), "alerts");
        errorsPerRule = new Tally.Family(getRuntimeContext(), "rule_errors");
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Alert> out) {
        dispatcher.dispatch(event, new RuleDispatcher.Results() {
            @Override
            public void alert(MatchRule rule, Alert alert) {
                alertsPerRule.get(rule.name()).inc();
                out.collect(alert);
            }

            @Override
            public void counted(RuleInput input) {
                ctx.output(COUNTED, input);
            }

            @Override
            public void sequenced(RuleInput input) {
                ctx.output(SEQUENCED, input);
            }

            @Override
            public void failed(Rule rule, RuntimeException error) {
                ruleFailed(rule, event, error, ctx);
            }
        });
    }

    private void ruleFailed(Rule rule, Event event, RuntimeException e, Context ctx) {
        errorsPerRule.get(rule.name()).inc();
        String reason = "rule " + rule.name() + " threw " + e.getClass().getSimpleName() + ": " + e.getMessage();
        ctx.output(DeadLetter.TAG, DeadLetter.of("detect", reason, event.source, event.origin, event.sequenceNumber,
                event.arrivalTime, event.record.getBytes(StandardCharsets.UTF_8)));
    }
}
