package dev.streamwarden.api;

import java.io.Serializable;

/**
 * A detection rule. Subclass {@link MatchRule} for a per-event check, or {@link DistinctCountRule} for
 * "N distinct values per key within a window". Rules are stateless objects: the engine keeps all state.
 */
public abstract class Rule implements Serializable {
    private static final long serialVersionUID = 1L;

    private final RuleSpec spec;

    protected Rule(RuleSpec spec) {
        this.spec = spec;
    }

    public final RuleSpec spec() {
        return spec;
    }

    public final String name() {
        return spec.name();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + spec.name() + ")";
    }
}
