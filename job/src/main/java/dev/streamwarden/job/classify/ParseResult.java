package dev.streamwarden.job.classify;

import dev.streamwarden.api.Event;
import java.util.List;

/** A classification: the events (usually one; none for a header line), or why nothing matched. */
public final class ParseResult {
    private final List<Event> events;
    private final String miss;
    private final String closestLogType;

    private ParseResult(List<Event> events, String miss, String closestLogType) {
        this.events = events;
        this.miss = miss;
        this.closestLogType = closestLogType;
    }

    public static ParseResult of(List<Event> events) {
        return new ParseResult(events, null, null);
    }

    public static ParseResult miss(String reason, String closestLogType) {
        return new ParseResult(List.of(), reason, closestLogType);
    }

    public boolean matched() {
        return miss == null;
    }

    public List<Event> events() {
        return events;
    }

    /** The first event (tests and single-event callers). */
    public Event event() {
        return events.get(0);
    }

    public String miss() {
        return miss;
    }

    /** The log type that came closest to matching, or null; failures are counted against it. */
    public String closestLogType() {
        return closestLogType;
    }
}
