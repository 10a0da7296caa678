package dev.streamwarden.api;

import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * Alerts when an event matching {@link #first} is followed, for the same key, by an event matching {@link #then}
 * within {@link #within()} of event time (e.g. a console login without MFA, then an IAM policy change by the same
 * user). {@link #value} carries something from the first event that {@link #completes} compares with the second's
 * (e.g. the country of two logins). One alert per first event.
 */
public abstract class SequenceRule extends Rule {
    private static final long serialVersionUID = 1L;

    private final Duration within;

    protected SequenceRule(RuleSpec spec, Duration within) {
        super(spec);
        if (within.isNegative() || within.isZero()) {
            throw new IllegalArgumentException(spec.name() + ": within must be positive");
        }
        this.within = within;
    }

    public final Duration within() {
        return within;
    }

    /** True for an event that starts the sequence. */
    public abstract boolean first(Event event);

    /** True for an event that can complete it. */
    public abstract boolean then(Event event);

    /** The key both events must share, as named values in a stable order (it becomes the alert's merge key). */
    public abstract LinkedHashMap<String, String> key(Event event);

    /** A value of the event to compare between the two steps; none by default. */
    public String value(Event event) {
        return null;
    }

    /** Whether a {@link #then} event with {@code thenValue} completes a sequence started with {@code firstValue}. */
    public boolean completes(String firstValue, String thenValue) {
        return true;
    }
}
