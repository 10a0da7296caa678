package dev.streamwarden.job.classify.schema;

import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * One of a schema's {@code patterns}: a field's values must contain a match of the regex. Pattern fields are the
 * discriminators (a version, an action, an event source) and hold a few distinct values, so the last few values
 * found are remembered and a repeat is not matched again; only values found are remembered, so a remembered value
 * is always a true answer.
 */
final class SchemaPattern implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final int REMEMBERED = 4;
    /** Longer values are matched every time: they are rarely repeated and comparing them costs more. */
    private static final int LONGEST_REMEMBERED = 64;

    final String field;
    final String[] path;
    final Pattern pattern;
    private transient String[] found;
    private transient int next;

    SchemaPattern(String field, Pattern pattern) {
        this.field = field;
        this.path = JsonPaths.split(field);
        this.pattern = pattern;
    }

    /** Whether the pattern is found in the text (false too when looking costs more than {@link BoundedText} allows). */
    boolean finds(String text) {
        String[] remembered = found;
        if (remembered == null) {
            remembered = found = new String[REMEMBERED];
        }
        for (String value : remembered) {
            if (text.equals(value)) {
                return true;
            }
        }
        if (!BoundedText.finds(pattern, text)) {
            return false;
        }
        if (text.length() <= LONGEST_REMEMBERED) {
            // A race between two threads sharing a schema may lose an entry or store it twice: each entry is still
            // a value that was found, so every answer stays true.
            int slot = next;
            remembered[slot] = text;
            next = (slot + 1) % REMEMBERED;
        }
        return true;
    }
}
