package dev.streamwarden.job.detect;

import dev.streamwarden.api.Rule;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The rules of one kind by name: how a keyed stage finds the rule an input belongs to. */
final class RulesByName {
    private RulesByName() {}

    static <R extends Rule> Map<String, R> of(List<Rule> rules, Class<R> kind) {
        Map<String, R> byName = new HashMap<>();
        for (Rule rule : rules) {
            if (kind.isInstance(rule)) {
                byName.put(rule.name(), kind.cast(rule));
            }
        }
        return byName;
    }
}
