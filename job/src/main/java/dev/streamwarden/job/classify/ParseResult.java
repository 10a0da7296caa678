package dev.streamwarden.job.classify;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.schema.RejectedRecord;
import dev.streamwarden.job.model.DeadLetter;
import java.util.List;

/** A classification: the events (usually one; none for a header line), or why nothing matched. */
public final class ParseResult {
    private final List<Event> events;
    private final String miss;
    private final String closestLogType;
    private final DeadLetter.Cause cause;
    private final List<RejectedRecord> rejected;

    private ParseResult(
            List<Event> events,
            String miss,
            String closestLogType,
            DeadLetter.Cause cause,
            List<RejectedRecord> rejected) {
        this.events = events;
        this.miss = miss;
        this.closestLogType = closestLogType;
        this.cause = cause;
        this.rejected = rejected;
    }

    public static ParseResult of(List<Event> events) {
        return of(events, List.of());
    }

    /** The events of a batch, and its elements that are not events of the same log type. */
    public static ParseResult of(List<Event> events, List<RejectedRecord> rejected) {
        return new ParseResult(events, null, null, null, rejected);
    }

    /** No log type reads the event. */
    public static ParseResult miss(String reason, String closestLogType) {
        return new ParseResult(List.of(), reason, closestLogType, DeadLetter.Cause.NO_LOG_TYPE, List.of());
    }

    /** The event looks like JSON but is not. */
    public static ParseResult malformed(String reason) {
        return new ParseResult(List.of(), reason, null, DeadLetter.Cause.MALFORMED_JSON, List.of());
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

    /** Elements of a matched batch that are not events of its log type (each a dead letter); usually none. */
    public List<RejectedRecord> rejected() {
        return rejected;
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
