package dev.streamwarden.launcher.ruletest;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.RuleSpec;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a test's records must classify as, so a case cannot pass on records the rule never saw: one of some named
 * log types, or (for a rule made with {@link RuleSpec#forNormalized}) any log type, as long as each event carries
 * every normalized field the rule asks for — an event without them is never offered to the rule.
 */
final class ExpectedLogType {
    /** Empty: any log type. */
    private final Set<String> types;

    private final Set<String> normalizedFields;

    private ExpectedLogType(Set<String> types, Set<String> normalizedFields) {
        this.types = new TreeSet<>(types);
        this.normalizedFields = normalizedFields;
    }

    static ExpectedLogType oneOf(Set<String> types) {
        return new ExpectedLogType(types, Set.of());
    }

    /** Every record must classify, as whatever type. */
    static ExpectedLogType any() {
        return new ExpectedLogType(Set.of(), Set.of());
    }

    /** The log types the rule is offered: its spec's, or any type whose events carry its normalized fields. */
    static ExpectedLogType of(RuleSpec spec) {
        return new ExpectedLogType(spec.logTypes(), spec.normalizedFields());
    }

    /** Why the event is not what the test expects, or null when it is. */
    String mismatch(Event event) {
        if (!types.isEmpty() && !types.contains(event.logType)) {
            return "classified as " + event.logType + ", expected " + this;
        }
        for (String field : normalizedFields) {
            if (event.normalized.get(field) == null) {
                return "classified as " + event.logType + " without normalized " + field + ", expected " + this;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        if (!normalizedFields.isEmpty()) {
            return "a log type whose events carry " + String.join(", ", normalizedFields);
        }
        if (types.isEmpty()) {
            return "any log type";
        }
        return types.size() == 1 ? types.iterator().next() : "one of " + types;
    }
}
