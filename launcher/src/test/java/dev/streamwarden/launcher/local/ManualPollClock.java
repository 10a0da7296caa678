package dev.streamwarden.launcher.local;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A poll clock that moves only when the reader pauses, by exactly the pause, and does what a test planned for a
 * given moment (a record arriving) once time reaches it. The reader's calls take no time on it, so how long a read
 * waits comes out the same on any machine.
 */
public final class ManualPollClock implements PollClock {
    /** Something to do at a planned moment; may throw, as writing to a stream does. */
    public interface Action {
        void run() throws Exception;
    }

    private static final class Planned {
        final long atNanos;
        final Action action;

        Planned(Duration at, Action action) {
            this.atNanos = at.toNanos();
            this.action = action;
        }
    }

    private final List<Planned> planned = new ArrayList<>();
    private long nowNanos;

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public void pause(long millis) {
        nowNanos += millis * 1_000_000;
        for (Iterator<Planned> due = planned.iterator(); due.hasNext(); ) {
            Planned next = due.next();
            if (next.atNanos <= nowNanos) {
                due.remove();
                run(next.action);
            }
        }
    }

    private static void run(Action action) {
        try {
            action.run();
        } catch (Exception e) {
            throw new IllegalStateException("a planned action failed", e);
        }
    }

    /** Runs {@code action} in the first pause that reaches {@code when}. */
    public void at(Duration when, Action action) {
        planned.add(new Planned(when, action));
    }

    /** Time passed since the clock was made. */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }
}
