package dev.streamwarden.job.detect;

import java.util.Objects;

/** The open window of a distinct-count rule for one key. */
public class CountWindow {
    public long firstSeen;
    public long lastSeen;
    /** When (processing time) the window is forgotten unless another event arrives first. */
    public long cleanupAt;

    public int distinct;
    public long events;
    public int samples;
    public boolean fired;

    public CountWindow() {}

    static CountWindow openedAt(long eventTime) {
        CountWindow w = new CountWindow();
        w.firstSeen = eventTime;
        w.lastSeen = eventTime;
        return w;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CountWindow)) {
            return false;
        }
        CountWindow w = (CountWindow) o;
        return firstSeen == w.firstSeen
                && lastSeen == w.lastSeen
                && cleanupAt == w.cleanupAt
                && distinct == w.distinct
                && events == w.events
                && samples == w.samples
                && fired == w.fired;
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstSeen, lastSeen, cleanupAt, distinct, events, samples, fired);
    }

    @Override
    public String toString() {
        return "CountWindow{firstSeen=" + firstSeen + ", lastSeen=" + lastSeen + ", distinct=" + distinct + ", events="
                + events + ", fired=" + fired + '}';
    }
}
