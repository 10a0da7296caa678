package dev.streamwarden.api;

import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * Alerts once per key and window when at least {@link #threshold()} distinct values are seen for that key
 * within {@link #window()} of event time (e.g. one source address rejected on 100 distinct ports in 60 s).
 *
 * <p>The engine keys by (source, rule, key), so one busy source never lands on one worker.
 */
public abstract class DistinctCountRule extends Rule {
    private static final long serialVersionUID = 1L;

    private final int threshold;
    private final Duration window;

    protected DistinctCountRule(RuleSpec spec, int threshold, Duration window) {
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

    /** The value whose distinct occurrences are counted; null means the event does not count. */
    public abstract String distinctValue(Event event);
}
