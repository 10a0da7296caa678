package dev.streamwarden.job.classify.schema;

import java.util.function.Supplier;

/**
 * Input that is not of a schema's log type; the message says why. Cheap: no stack trace, and a miss whose reason
 * costs work (where a line stops fitting a regex) works it out only when asked — which classification does only for
 * an event that no candidate reads, not for every candidate tried before the one that does.
 */
public final class Miss extends Exception {
    private static final long serialVersionUID = 1L;

    private String reason;
    private int closeness;
    private transient Supplier<Miss> details;

    public Miss(String reason, int closeness) {
        super(null, null, false, false);
        this.reason = reason;
        this.closeness = closeness;
    }

    private Miss(Supplier<Miss> details) {
        super(null, null, false, false);
        this.details = details;
    }

    /** A miss whose reason and closeness {@code details} works out when first asked for. */
    public static Miss deferred(Supplier<Miss> details) {
        return new Miss(details);
    }

    /** This miss with a prefix on its reason ("alb: "), still deferred if this one is. */
    Miss prefixed(String prefix) {
        return details == null
                ? new Miss(prefix + reason, closeness)
                : deferred(() -> new Miss(prefix + getMessage(), closeness()));
    }

    private void resolve() {
        if (details != null) {
            Miss resolved = details.get();
            reason = resolved.getMessage();
            closeness = resolved.closeness();
            details = null;
        }
    }

    @Override
    public String getMessage() {
        resolve();
        return reason;
    }

    /**
     * How far parsing got; ranks misses so a dead letter names the closest candidate. The scale: 0 wrong shape;
     * 1 a JSON path that selects no object; 2 a field count one off; 3 a pattern that does not match; 4 a
     * syslog-looking line without a syslog header; 5 to 9 a text line that fits a format for more than half its
     * length (and 24 characters at least); 10 and more a record of the right shape whose required key is missing or
     * whose value does not type (more for each field that did). A parser that recognised its format adds {@link ParsedRecord#closeness} to
     * the schema's misses.
     */
    public int closeness() {
        resolve();
        return closeness;
    }
}
