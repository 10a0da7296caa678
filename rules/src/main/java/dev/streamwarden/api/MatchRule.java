package dev.streamwarden.api;

import java.util.List;

/** A stateless rule: every event it matches is an alert. */
public abstract class MatchRule extends Rule {
    private static final long serialVersionUID = 1L;

    protected MatchRule(RuleSpec spec) {
        super(spec);
    }

    /** True when the event is an alert. Only events of the spec's log types are offered. */
    public abstract boolean matches(Event event);

    /**
     * Outputs chosen per event in addition to the spec's (e.g. high severity to a pager); none by default. Each must be
     * declared with {@link RuleSpec#withDynamicOutputs}, so that start-up checks it has a destination.
     */
    public List<String> dynamicOutputs(Event event) {
        return List.of();
    }
}
