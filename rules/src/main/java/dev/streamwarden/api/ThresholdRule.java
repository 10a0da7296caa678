package dev.streamwarden.api;

import java.time.Duration;

/** Alerts once per key and window when at least {@link #threshold()} matching events arrive within the window. */
public abstract class ThresholdRule extends WindowCountRule {
    private static final long serialVersionUID = 1L;

    protected ThresholdRule(RuleSpec spec, int threshold, Duration window) {
        super(spec, threshold, window);
    }
}
