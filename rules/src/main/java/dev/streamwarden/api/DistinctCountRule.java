package dev.streamwarden.api;

import java.time.Duration;

/**
 * Alerts once per key and window when at least {@link #threshold()} distinct values are seen for that key within
 * {@link #window()} of event time (e.g. one source address rejected on 100 distinct ports in 60 s).
 */
public abstract class DistinctCountRule extends WindowCountRule {
    private static final long serialVersionUID = 1L;

    protected DistinctCountRule(RuleSpec spec, int threshold, Duration window) {
        super(spec, threshold, window);
    }

    /** The value whose distinct occurrences are counted; null means the event does not count. */
    public abstract String distinctValue(Event event);
}
