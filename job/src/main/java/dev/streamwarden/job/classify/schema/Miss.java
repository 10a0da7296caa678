package dev.streamwarden.job.classify.schema;

/** Input that is not of a schema's log type; the message says why. Cheap: no stack trace. */
public final class Miss extends Exception {
    private static final long serialVersionUID = 1L;

    private final int closeness;

    public Miss(String reason, int closeness) {
        super(reason, null, false, false);
        this.closeness = closeness;
    }

    /** How far parsing got (0: wrong shape); ranks misses so a dead letter names the closest candidate. */
    public int closeness() {
        return closeness;
    }
}
