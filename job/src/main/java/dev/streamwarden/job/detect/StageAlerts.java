package dev.streamwarden.job.detect;

import dev.streamwarden.api.Rule;
import dev.streamwarden.job.model.Alert;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.functions.MapFunction;

/**
 * Staging: alerts of a staged rule go only to the {@value #STAGING} output (the archive keeps them too) until the
 * rule is promoted by configuration ({@code rules.promoted}), so a new rule proves itself on live data without
 * paging anyone, and promotion needs no code change.
 */
public class StageAlerts implements MapFunction<Alert, Alert> {
    private static final long serialVersionUID = 1L;
    public static final String STAGING = "staging";

    private final Set<String> staged = new HashSet<>();

    public StageAlerts(List<Rule> rules, Set<String> promoted) {
        for (Rule rule : rules) {
            if (rule.spec().isStaged() && !promoted.contains(rule.name())) {
                staged.add(rule.name());
            }
        }
    }

    @Override
    public Alert map(Alert alert) {
        if (staged.contains(alert.rule)) {
            alert.outputs = new String[] {STAGING};
        }
        return alert;
    }
}
