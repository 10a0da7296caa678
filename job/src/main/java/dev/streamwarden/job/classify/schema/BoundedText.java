package dev.streamwarden.job.classify.schema;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text a schema's regex may read only so often: {@value #READS_PER_CHAR} times per character, plus a constant, per
 * match. Schema regexes run over text written by whoever the logs are about, and one that backtracks (overlapping
 * quantifiers, a failure after a long greedy run) can take hours on a single 1 MiB line; java.util.regex cannot be
 * interrupted, so the bound is counted in reads, not time, and holds on any machine. A match that exceeds it throws
 * {@link TooCostly}, which callers turn into "does not match".
 */
final class BoundedText implements CharSequence {
    /** Linear patterns read a character a few times (alternations, lookaheads, lazy quantifiers); 64 is ample. */
    static final int READS_PER_CHAR = 64;

    private static final long BASE_READS = 1 << 20;

    /** A match that read its text more often than the bound allows. */
    static final class TooCostly extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooCostly() {
            super("reading the text more than " + READS_PER_CHAR + " times per character", null, false, false);
        }
    }

    private final String text;
    private final long budget;
    private long left;

    BoundedText(String text) {
        this.text = text;
        this.budget = BASE_READS + (long) READS_PER_CHAR * text.length();
        this.left = budget;
    }

    /** A matcher over the text; call {@link #rearm} before each further match with it. */
    Matcher matcher(Pattern pattern) {
        return pattern.matcher(this);
    }

    /** A fresh budget, for the next match over this text. */
    void rearm() {
        left = budget;
    }

    /** Whether the pattern is found in the text; false too when looking costs more than the bound. */
    static boolean finds(Pattern pattern, String text) {
        return found(new BoundedText(text).matcher(pattern));
    }

    /** {@link Matcher#find()} on a matcher over bounded text; false too when looking costs more than the bound. */
    static boolean found(Matcher matcher) {
        try {
            return matcher.find();
        } catch (TooCostly e) {
            return false;
        }
    }

    /** Whether the pattern matches the whole text; false too when matching costs more than the bound. */
    static boolean matchesWhole(Pattern pattern, String text) {
        try {
            return new BoundedText(text).matcher(pattern).matches();
        } catch (TooCostly e) {
            return false;
        }
    }

    @Override
    public char charAt(int index) {
        if (--left < 0) {
            throw new TooCostly();
        }
        return text.charAt(index);
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.substring(start, end);
    }

    @Override
    public String toString() {
        return text;
    }
}
