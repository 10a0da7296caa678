package dev.streamwarden.job.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * How reasons (dead letters, coercion errors) quote what they are about. A reason names the problem; the dead
 * letter or the record keeps the value, so quoted values are cut, and never between the halves of a surrogate pair.
 */
public final class Reasons {
    private static final int QUOTED_CHARS = 40;
    private static final int MESSAGE_CHARS = 300;

    private Reasons() {}

    /** The value's start, cut after 40 chars. */
    public static String quoted(String value) {
        return cut(value, QUOTED_CHARS);
    }

    /** The JSON node type, as a reason names it ("object", "array", "string", ...). */
    public static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    /**
     * The reason for an exception that data caused: its class and message (cut, since messages quote data), so a
     * dead letter says what failed without anyone reading the logs.
     */
    public static String of(Throwable e) {
        return e.getClass().getName() + ": " + cut(String.valueOf(e.getMessage()), MESSAGE_CHARS);
    }

    private static String cut(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars;
        return text.substring(0, end) + "…";
    }
}
