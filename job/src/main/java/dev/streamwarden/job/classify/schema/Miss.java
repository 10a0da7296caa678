package dev.streamwarden.job.classify.schema;

/** Input that is not of a schema's log type; the message says why. Cheap: no stack trace. */
public final class Miss extends Exception {
    private static final long serialVersionUID = 1L;

    private final int closeness;

    public Miss(String reason, int closeness) {
        super(reason, null, false, false);
        this.closeness = closeness;
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
        return closeness;
    }
}
