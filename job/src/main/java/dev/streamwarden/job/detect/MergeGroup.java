package dev.streamwarden.job.detect;

import dev.streamwarden.job.model.Alert;
import java.util.Objects;

/** An open merge window: the alert that opened it (already sent) and what arrived after it. */
public class MergeGroup {
    public Alert first;
    public long windowEnd;
    /** Alerts merged after the first. */
    public long merged;

    public long eventCount;
    public long lastSeen;

    public MergeGroup() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof MergeGroup)) {
            return false;
        }
        MergeGroup g = (MergeGroup) o;
        return windowEnd == g.windowEnd
                && merged == g.merged
                && eventCount == g.eventCount
                && lastSeen == g.lastSeen
                && Objects.equals(first, g.first);
    }

    @Override
    public int hashCode() {
        return Objects.hash(first, windowEnd, merged, eventCount, lastSeen);
    }

    @Override
    public String toString() {
        return "MergeGroup{first=" + first + ", windowEnd=" + windowEnd + ", merged=" + merged + '}';
    }
}
