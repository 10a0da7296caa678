package dev.streamwarden.api;

import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * A rule that counts per key within a window of event time and alerts once per key and window when the count
 * reaches {@link #threshold()}. See {@link ThresholdRule} (counts events) and {@link DistinctCountRule} (counts
 * distinct values). The engine keys by (rule, source, key), so one busy source never lands on one worker.
 */
public abstract class WindowCountRule extends Rule {
    private static final long serialVersionUID = 1L;

    private final int threshold;
    private final Duration window;

    protected WindowCountRule(RuleSpec spec, int threshold, Duration window) {
        super(spec);
        if (threshold < 2) {
            throw new IllegalArgumentException(spec.name() + ": threshold must be at least 2");
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException(spec.name() + ": window must be positive");
        }
        this.threshold = threshold;
        this.window = window;
    }

    public final int threshold() {
        return threshold;
    }

    public final Duration window() {
        return window;
    }

    /** True when the event counts towards this rule at all. */
    public abstract boolean filter(Event event);

    /** The key the count is per, as named values in a stable order (it becomes the alert's merge key). */
    public abstract LinkedHashMap<String, String> key(Event event);
}
