package dev.streamwarden.launcher.local;

/**
 * Time as {@link KinesisReader} lives it: a monotonic clock for the quiet period and the pauses between polls.
 * {@link #SYSTEM} outside tests; tests pass a clock that moves only when the reader pauses, so how long a read waits
 * is asserted exactly instead of measured on a machine whose speed nobody controls.
 */
public interface PollClock {
    /** The system's clock; pauses sleep. */
    PollClock SYSTEM = new PollClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void pause(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    /** Monotonic nanoseconds, as {@link System#nanoTime()}: only differences mean anything. */
    long nanoTime();

    /** Lets {@code millis} pass before the next call. */
    void pause(long millis) throws InterruptedException;
}
