package dev.streamwarden.job.ruletest;

/** The outcome of one rule test case. */
public final class CaseResult {
    public final String rule;
    public final String name;
    public final int expected;
    public final int triggered;
    public final boolean passed;
    /** Why it failed; null when passed. */
    public final String reason;

    CaseResult(String rule, String name, int expected, int triggered, String reason) {
        this.rule = rule;
        this.name = name;
        this.expected = expected;
        this.triggered = triggered;
        this.reason = reason;
        this.passed = reason == null;
    }
}
