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
    private static final String[] ESCAPES = escapes();

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

    /** A JSON string as Jackson writes it: quote, backslash and control characters escaped, nothing else. */
    private static void string(StringBuilder out, String text) {
        out.append('"');
        int copied = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ESCAPES.length && ESCAPES[c] != null) {
                out.append(text, copied, i).append(ESCAPES[c]);
                copied = i + 1;
            }
        }
        if (copied == 0) {
            out.append(text); // nearly always: a whole string is copied far faster than a range
        } else {
            out.append(text, copied, text.length());
        }
        out.append('"');
    }

    /** The escape of each character below the backslash that needs one, or null. */
    private static String[] escapes() {
        String[] escapes = new String['\\' + 1];
        for (char c = 0; c < 0x20; c++) {
            escapes[c] = String.format("\\u%04X", (int) c);
        }
        escapes['"'] = "\\\"";
        escapes['\\'] = "\\\\";
        escapes['\b'] = "\\b";
        escapes['\t'] = "\\t";
        escapes['\n'] = "\\n";
        escapes['\f'] = "\\f";
        escapes['\r'] = "\\r";
        return escapes;
    }
}
