package dev.streamwarden.job.classify.schema;

import java.time.Instant;

/**
 * Which times an event can plausibly have, relative to when its record arrived. Logs are written by whoever they are
 * about, so a time may be anything: an impossible date, a year beyond 9999, a timestamp in the wrong unit. An event
 * time outside the window is recorded and replaced by the next candidate (the envelope's time, then the arrival
 * time), so it can neither stall watermarks nor scatter the lake over partitions of years that never happened.
 */
public final class PlausibleTime {
    /** Nothing we read was written before this. */
    public static final long EARLIEST = Instant.parse("2000-01-01T00:00:00Z").toEpochMilli();
    /** Clocks of log writers run ahead a little; a day more is a wrong value, not a fast clock. */
    public static final long MAX_AHEAD_MILLIS = 86_400_000L;

    private PlausibleTime() {}

    /**
     * The "now" an event's times are judged against: its record's arrival time, or the wall clock for input that
     * carries none (files, tests). Kinesis always stamps an arrival time, so a running job never uses the clock.
     */
    public static long reference(long arrivalTime) {
        return arrivalTime >= EARLIEST ? arrivalTime : System.currentTimeMillis();
    }

    /** Why {@code millis} cannot be an event time seen at {@code reference}, or null when it can. */
    public static String problem(long millis, long reference) {
        if (millis < EARLIEST) {
            return "before 2000";
        }
        if (millis > reference + MAX_AHEAD_MILLIS) {
            return "more than a day after the record arrived (" + Instant.ofEpochMilli(reference) + ")";
        }
        return null;
    }
}
