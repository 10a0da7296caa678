package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Dotted paths into JSON: {@code a.b}, {@code a.0.b} (array index), and in json_path {@code a[*].b}. */
final class JsonPaths {
    private static final Pattern SEGMENT = Pattern.compile("[^.\\[\\]]+(\\[\\*])?");

    private JsonPaths() {}

    static String[] split(String path) {
        String[] segments = path.split("\\.");
        for (String segment : segments) {
            if (!SEGMENT.matcher(segment).matches()) {
                throw new IllegalArgumentException("bad path '" + path + "'");
            }
        }
        return segments;
    }

    /** The node at a path (no wildcards), or a missing node. */
    static JsonNode at(JsonNode root, String[] segments) {
        JsonNode node = root;
        for (String segment : segments) {
            if (node.isArray() && !segment.isEmpty() && Character.isDigit(segment.charAt(0))) {
                node = node.path(Integer.parseInt(segment));
            } else {
                node = node.path(segment);
            }
            if (node.isMissingNode()) {
                return node;
            }
        }
        return node;
    }

    /** Every node a path with {@code [*]} wildcards selects. */
    static List<JsonNode> select(JsonNode root, String[] segments) {
        List<JsonNode> out = new ArrayList<>();
        select(root, segments, 0, out);
        return out;
    }

    private static void select(JsonNode node, String[] segments, int i, List<JsonNode> out) {
        if (i == segments.length) {
            if (!node.isMissingNode() && !node.isNull()) {
                out.add(node);
            }
            return;
        }
        String segment = segments[i];
        boolean all = segment.endsWith("[*]");
        JsonNode next = node.path(all ? segment.substring(0, segment.length() - 3) : segment);
        if (all) {
            for (JsonNode element : next) {
                select(element, segments, i + 1, out);
            }
        } else if (!next.isMissingNode()) {
            select(next, segments, i + 1, out);
        }
    }
}
