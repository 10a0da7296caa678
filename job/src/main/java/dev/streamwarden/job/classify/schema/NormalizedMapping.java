package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.job.model.Reasons;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where one normalized field comes from: candidate paths tried in order (the first present value wins), each
 * optionally required to match a regex ({@code match}) or translated through a value map ({@code "*"} matches any
 * other value; {@code default} applies when the path is absent), or a constant.
 */
final class NormalizedMapping implements Serializable {
    private static final long serialVersionUID = 1L;

    static final class Candidate implements Serializable {
        private static final long serialVersionUID = 1L;

        final String path;
        final String[] segments;
        final Pattern match;
        final Map<String, String> map;
        final String fallback;
        final String constant;

        Candidate(String path, Pattern match, Map<String, String> map, String fallback, String constant) {
            this.path = path;
            this.segments = path == null ? null : JsonPaths.split(path);
            this.match = match;
            this.map = map;
            this.fallback = fallback;
            this.constant = constant;
        }
    }

    final String field;
    final List<Candidate> candidates;
    private final boolean integer;

    NormalizedMapping(String field, List<Candidate> candidates) {
        this.field = field;
        this.candidates = candidates;
        this.integer = Normalized.isInteger(field);
    }

    /**
     * The value for this field from the record, or null.
     *
     * @throws IllegalArgumentException when the field is an integer (a port, a protocol) and the value is not one
     */
    Object valueFrom(JsonNode record) {
        Object value = rawValueFrom(record);
        return integer && value != null ? toInt(value) : value;
    }

    private static Integer toInt(Object value) {
        String text = value.toString().trim();
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + Reasons.quoted(text) + "' is not an integer");
        }
    }

    private Object rawValueFrom(JsonNode record) {
        for (Candidate c : candidates) {
            if (c.constant != null) {
                return c.constant;
            }
            JsonNode node = JsonPaths.at(record, c.segments);
            boolean present =
                    node.isValueNode() && !node.isNull() && !node.asText().isEmpty();
            if (present && c.match != null && !BoundedText.matchesWhole(c.match, node.asText())) {
                continue;
            }
            if (!present) {
                if (c.fallback != null) {
                    return c.fallback;
                }
                continue;
            }
            if (c.map != null) {
                String mapped = c.map.getOrDefault(node.asText(), c.map.get("*"));
                if (mapped != null) {
                    return mapped;
                }
                continue;
            }
            return node.isNumber() ? node.numberValue() : node.asText();
        }
        return null;
    }
}
