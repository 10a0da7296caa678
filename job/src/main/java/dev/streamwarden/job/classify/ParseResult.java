package dev.streamwarden.job.classify;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.DeadLetter;
import java.util.List;

/** A classification: the events (usually one; none for a header line), or why nothing matched. */
public final class ParseResult {
    private final List<Event> events;
    private final String miss;
    private final String closestLogType;
    private final DeadLetter.Cause cause;

    private ParseResult(List<Event> events, String miss, String closestLogType, DeadLetter.Cause cause) {
        this.events = events;
        this.miss = miss;
        this.closestLogType = closestLogType;
        this.cause = cause;
    }

    public static ParseResult of(List<Event> events) {
        return new ParseResult(events, null, null, null);
    }

    /** No log type reads the event. */
    public static ParseResult miss(String reason, String closestLogType) {
        return new ParseResult(List.of(), reason, closestLogType, DeadLetter.Cause.NO_LOG_TYPE);
    }

    /** The event looks like JSON but is not. */
    public static ParseResult malformed(String reason) {
        return new ParseResult(List.of(), reason, null, DeadLetter.Cause.MALFORMED_JSON);
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

    /** The kind of miss, for the dead letter. */
    public DeadLetter.Cause cause() {
        return cause;
    }

    /** The log type that came closest to matching, or null; failures are counted against it. */
    public String closestLogType() {
        return closestLogType;
    }
}
