package dev.streamwarden.job.detect;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RuleInput;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Runs the stateless rules where the event already is (no shuffle) and turns events that count towards a
 * stateful rule (window count or sequence) into {@link RuleInput}s for the keyed stages. An event is offered only
 * to rules of its log type. A rule that throws is counted and dead-lettered; it loses only its own verdict on that
 * event, the other rules and the job go on. Results are emitted after every rule has run, so an exception from
 * downstream is never taken for a rule's.
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
    private transient Verdicts verdicts;
    private transient Tally.Family alertsPerRule;
    private transient RuleFailures ruleFailures;

    public MatchRules(List<Rule> rules) {
        this.rules = rules;
    }

    @Override
    public void open(OpenContext openContext) {
        dispatcher = new RuleDispatcher(rules);
        verdicts = new Verdicts();
        alertsPerRule = new Tally.Family(getRuntimeContext(), "alerts");
        ruleFailures = new RuleFailures(getRuntimeContext());
    }

    @Override
    public void processElement(Event event, Context ctx, Collector<Alert> out) {
        verdicts.clear();
        dispatcher.dispatch(event, verdicts);
        verdicts.alerts.forEach(out::collect);
        verdicts.counted.forEach(input -> ctx.output(COUNTED, input));
        verdicts.sequenced.forEach(input -> ctx.output(SEQUENCED, input));
        for (int i = 0; i < verdicts.failedRules.size(); i++) {
            ruleFailed(verdicts.failedRules.get(i), event, verdicts.failures.get(i), ctx);
        }
    }

    private void ruleFailed(Rule rule, Event event, Throwable e, Context ctx) {
        ctx.output(DeadLetter.TAG, ruleFailures.failed(rule.name(), e, event.envelope, event.record));
    }

    /** What the rules made of one event, held until all of them have run. */
    private final class Verdicts implements RuleDispatcher.Results {
        final List<Alert> alerts = new ArrayList<>();
        final List<RuleInput> counted = new ArrayList<>();
        final List<RuleInput> sequenced = new ArrayList<>();
        final List<Rule> failedRules = new ArrayList<>();
        final List<Throwable> failures = new ArrayList<>();

        void clear() {
            alerts.clear();
            counted.clear();
            sequenced.clear();
            failedRules.clear();
            failures.clear();
        }

        @Override
        public void alert(MatchRule rule, Alert alert) {
            alertsPerRule.get(rule.name()).inc();
            alerts.add(alert);
        }

        @Override
        public void counted(RuleInput input) {
            counted.add(input);
        }

        @Override
        public void sequenced(RuleInput input) {
            sequenced.add(input);
        }

        @Override
        public void failed(Rule rule, Throwable error) {
            failedRules.add(rule);
            failures.add(error);
        }
    }
}
