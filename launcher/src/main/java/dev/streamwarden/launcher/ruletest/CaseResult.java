package dev.streamwarden.launcher.ruletest;

import java.util.Map;
import java.util.TreeMap;

/** The outcome of one rule test case. */
public final class CaseResult {
    public final String rule;
    public final String name;
    public final int expected;
    public final int triggered;
    /** Alerts that rules other than {@link #rule} raised on the case's records, by rule name. */
    public final Map<String, Integer> otherAlerts;

    public final boolean passed;
    /** Why it failed; null when passed. */
    public final String reason;

    CaseResult(String rule, String name, int expected, int triggered, Map<String, Integer> otherAlerts, String reason) {
        this.rule = rule;
        this.name = name;
        this.expected = expected;
        this.triggered = triggered;
        this.otherAlerts = new TreeMap<>(otherAlerts);
        this.reason = reason;
        this.passed = reason == null;
    }

    /**
     * A result that counts no alerts: a broken test file, a rule without positive and negative cases, a StreamAlert
     * test that only classifies. Passed when {@code reason} is null.
     */
    static CaseResult verdict(String rule, String name, String reason) {
        return new CaseResult(rule, name, 0, 0, Map.of(), reason);
    }

    @Override
    public String toString() {
        return rule + ": " + name + (passed ? ": passed" : ": " + reason);
    }
}
