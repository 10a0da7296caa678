package dev.streamwarden.api;

/** A stateless rule: every event it matches is an alert. */
public abstract class MatchRule extends Rule {
    private static final long serialVersionUID = 1L;

    protected MatchRule(RuleSpec spec) {
        super(spec);
    }

    /** True when the event is an alert. Only events of the spec's log types are offered. */
    public abstract boolean matches(Event event);
}
