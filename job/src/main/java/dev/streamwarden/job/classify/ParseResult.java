package dev.streamwarden.job.classify;

import dev.streamwarden.api.Event;

/** A parser's answer: the event, or why the input is not its log type and how close it came. */
public final class ParseResult {
    private final Event event;
    private final String miss;
    private final int closeness;

    private ParseResult(Event event, String miss, int closeness) {
        this.event = event;
        this.miss = miss;
        this.closeness = closeness;
    }

    public static ParseResult of(Event event) {
        return new ParseResult(event, null, Integer.MAX_VALUE);
    }

    /**
     * Not this log type. {@code closeness} ranks misses so the dead letter names the nearest candidate: 0 for a
     * wrong shape, higher the further parsing got (e.g. the number of required keys found).
     */
    public static ParseResult miss(String reason, int closeness) {
        return new ParseResult(null, reason, closeness);
    }

    public boolean matched() {
        return event != null;
    }

    public Event event() {
        return event;
    }

    public String miss() {
        return miss;
    }

    public int closeness() {
        return closeness;
    }
}
