package dev.streamwarden.launcher.fuzz;

import dev.streamwarden.job.model.RawRecord;
import java.util.List;

/** One generated record and what must become of it. */
public final class FuzzRecord {
    public final RawRecord record;
    /** Empty for an unmutated record. */
    public final List<Mutation> mutations;
    /** The events an unmutated record holds; each must be in the lake exactly once. */
    public final int events;

    FuzzRecord(RawRecord record, List<Mutation> mutations, int events) {
        this.record = record;
        this.mutations = mutations;
        this.events = events;
    }

    public boolean mutated() {
        return !mutations.isEmpty();
    }
}
