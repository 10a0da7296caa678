package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON text of a record a text parser built: the same text as {@code tree.toString()}, written straight into a
 * builder when the record is flat (strings, integers, booleans, nulls; what delimited, regex and key-value lines
 * make), which is several times cheaper than Jackson's serializer set up per call. Anything else (nested values,
 * floats) goes through Jackson.
 */
final class RecordJson {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RecordJson() {}

    static String text(ObjectNode tree) {
        StringBuilder out = new StringBuilder(32 * tree.size() + 2);
        out.append('{');
        boolean first = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = tree.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode value = field.getValue();
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, field.getKey());
            out.append(':');
            switch (value.getNodeType()) {
                case STRING:
                    string(out, value.textValue());
                    break;
                case NUMBER:
                    if (!value.isLong() && !value.isInt()) {
                        return tree.toString();
                    }
                    out.append(value.longValue());
                    break;
                case BOOLEAN:
                    out.append(value.booleanValue());
                    break;
                case NULL:
                    out.append("null");
                    break;
                default:
                    return tree.toString();
            }
        }
        return out.append('}').toString();
    }

    private static boolean escaped(char c) {
        return c < 0x20 || c == '"' || c == '\\';
    }

    /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, nothing else. */
    private static void string(StringBuilder out, String text) {
        out.append('"');
        int first = 0;
        while (first < text.length() && !escaped(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            out.append(text).append('"'); // nearly always: a whole string is copied far faster than a range
            return;
        }
        int copied = 0;
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!escaped(c)) {
                continue;
            }
            out.append(text, copied, i);
            copied = i + 1;
            out.append('\\');
            switch (c) {
                case '"':
                case '\\':
                    out.append(c);
                    break;
                case '\b':
                    out.append('b');
                    break;
                case '\t':
                    out.append('t');
                    break;
                case '\n':
                    out.append('n');
                    break;
                case '\f':
                    out.append('f');
                    break;
                case '\r':
                    out.append('r');
                    break;
                default:
                    out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        out.append(text, copied, text.length()).append('"');
    }
}
