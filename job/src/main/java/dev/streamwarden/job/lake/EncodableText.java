package dev.streamwarden.job.lake;

/**
 * Text the lake can hold and its readers can parse. Parquet writes strings as strict UTF-8 and fails the whole file
 * on an unpaired UTF-16 surrogate, and JSON readers (DuckDB's, Athena's) reject a record whose JSON escapes one
 * ({@code \ud800}) — yet any JSON log can carry that escape, so an attacker who writes one into a user agent could
 * otherwise stop the lake or every query over it. Unpaired surrogates become U+FFFD, the character for "could not be
 * decoded"; almost all text passes the checks untouched.
 */
final class EncodableText {
    private static final char REPLACEMENT = '\uFFFD';

    private EncodableText() {}

    /** True when every surrogate in the text is half of a pair. */
    static boolean encodable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c)
                        || i + 1 == text.length()
                        || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            }
        }
        return true;
    }

    /** The text with each unpaired surrogate replaced by U+FFFD. */
    static String replaced(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else {
                out.append(Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        return out.toString();
    }

    /** JSON text with neither raw nor escaped unpaired surrogates; the same text when it has none (nearly always). */
    static String json(String text) {
        String raw = encodable(text) ? text : replaced(text);
        return raw.indexOf("\\u") < 0 ? raw : withoutUnpairedEscapes(raw);
    }

    /** Replaces {@code \\uD800}-style escapes that are not half of an escaped pair by {@code \\uFFFD}. */
    private static String withoutUnpairedEscapes(String json) {
        StringBuilder out = null;
        int copied = 0;
        for (int i = 0; i < json.length() - 1; i++) {
            if (json.charAt(i) != '\\') {
                continue;
            }
            if (json.charAt(i + 1) != 'u') {
                i++; // an escaped character, perhaps a backslash: never the start of an escape
                continue;
            }
            char c = escaped(json, i);
            if (!Character.isSurrogate(c)) {
                i += 5;
                continue;
            }
            if (Character.isHighSurrogate(c) && Character.isLowSurrogate(escaped(json, i + 6))) {
                i += 11;
                continue;
            }
            out = out == null ? new StringBuilder(json.length()) : out;
            out.append(json, copied, i).append("\\ufffd");
            copied = i + 6;
            i += 5;
        }
        return out == null ? json : out.append(json, copied, json.length()).toString();
    }

    /** The character of the escape {@code \\uXXXX} at {@code at}, or 0 when there is none. */
    private static char escaped(String json, int at) {
        if (at + 6 > json.length() || json.charAt(at) != '\\' || json.charAt(at + 1) != 'u') {
            return 0;
        }
        try {
            return (char) Integer.parseInt(json.substring(at + 2, at + 6), 16);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
