package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.streamwarden.api.Normalized;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads log schema files (YAML). Every mistake is reported as "FILE: LOG_TYPE: KEY: what is wrong", so an
 * invalid schema fails the build (the schema tests load every file) with a message that points at the line to fix.
 */
public final class SchemaLoader {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Set<String> KEYS = Set.of(
            "description",
            "log_type",
            "extends",
            "parser",
            "priority",
            "fields",
            "optional",
            "patterns",
            "time",
            "normalized",
            "json_path",
            "embedded_json",
            "embedded_json_pattern",
            "envelope_keys",
            "envelope_patterns",
            "envelope_time",
            "explode",
            "delimiter",
            "quote",
            "null_values",
            "header",
            "header_driven",
            "extracted_fields",
            "field_versions",
            "version_field",
            "headerless_formats",
            "pattern",
            "message_pattern",
            "separator");
    private static final Set<String> FIELD_KEYS = Set.of("type", "format", "optional", "discriminating");
    private static final List<String> PARSERS = List.of("json", "delimited", "kv", "syslog", "regex");
    private static final Pattern NAMED_GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

    private SchemaLoader() {}

    /** Loads one file's schemas; {@code known} holds entries of earlier files (for {@code extends}). */
    public static List<LogSchema> load(String file, InputStream in, Map<String, JsonNode> known) {
        JsonNode root;
        try {
            root = YAML.readTree(in);
        } catch (IOException e) {
            throw new SchemaException(file + ": not valid YAML: " + e.getMessage());
        }
        if (root == null || !root.path("log_types").isObject()) {
            throw new SchemaException(file + ": expected a top-level 'log_types' map");
        }
        List<LogSchema> schemas = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.get("log_types").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String where = file + ": " + entry.getKey() + ": ";
            if (!NAME.matcher(entry.getKey()).matches()) {
                throw new SchemaException(where + "name must be lower_snake_case");
            }
            if (known.containsKey(entry.getKey())) {
                throw new SchemaException(where + "defined twice");
            }
            JsonNode spec = resolveExtends(where, entry.getValue(), known);
            known.put(entry.getKey(), spec);
            try {
                schemas.add(build(file, entry.getKey(), spec));
            } catch (IllegalArgumentException e) {
                throw new SchemaException(where + e.getMessage());
            }
        }
        return schemas;
    }

    /** {@code extends: other} takes the other entry's keys; this entry's keys win. */
    private static JsonNode resolveExtends(String where, JsonNode spec, Map<String, JsonNode> known) {
        if (!spec.isObject()) {
            throw new SchemaException(where + "expected a map of settings");
        }
        if (!spec.has("extends")) {
            return spec;
        }
        JsonNode base = known.get(spec.get("extends").asText());
        if (base == null) {
            throw new SchemaException(
                    where + "extends: unknown log type '" + spec.get("extends").asText() + "' (define it earlier)");
        }
        com.fasterxml.jackson.databind.node.ObjectNode merged = base.deepCopy();
        merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) spec);
        merged.remove("extends");
        if (!spec.has("log_type")) {
            merged.put(
                    "log_type", base.path("log_type").asText(spec.get("extends").asText()));
        }
        return merged;
    }

    private static LogSchema build(String file, String name, JsonNode spec) {
        for (Iterator<String> keys = spec.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(key + ": unknown key (known: " + String.join(", ", KEYS) + ")");
            }
        }
        String parserName = text(spec, "parser", null);
        if (parserName == null || !PARSERS.contains(parserName)) {
            throw new IllegalArgumentException("parser: must be one of " + PARSERS + ", found " + parserName);
        }
        Set<String> optional = new HashSet<>(strings(spec, "optional"));
        // Text formats are recognised by their columns' types; JSON formats by their keys and patterns.
        List<FieldSpec> fields = fields(spec.path("fields"), optional, !parserName.equals("json"));
        if (fields.isEmpty() && !parserName.equals("kv")) {
            throw new IllegalArgumentException("fields: declare at least one field");
        }
        for (String o : optional) {
            if (fields.stream().noneMatch(f -> f.name.equals(o))) {
                throw new IllegalArgumentException("optional: '" + o + "' is not a declared field");
            }
        }
        String time = text(spec, "time", null);
        if (time != null && fields.stream().noneMatch(f -> f.name.equals(time) && f.type == FieldType.TIMESTAMP)) {
            throw new IllegalArgumentException("time: '" + time + "' must be a declared field of type timestamp");
        }
        String logType = text(spec, "log_type", name);
        if (!NAME.matcher(logType).matches()) {
            throw new IllegalArgumentException("log_type: must be lower_snake_case");
        }
        return new LogSchema(
                name,
                logType,
                text(spec, "description", ""),
                file,
                priority(spec),
                parser(parserName, spec, fields),
                fields,
                patterns(spec.path("patterns"), "patterns"),
                time,
                normalized(spec.path("normalized")));
    }

    private static RecordParser parser(String parser, JsonNode spec, List<FieldSpec> fields) {
        List<String> names = new ArrayList<>();
        fields.forEach(f -> names.add(f.name));
        NullValues nullValues = new NullValues(strings(spec, "null_values"));
        switch (parser) {
            case "json":
                return new JsonRecordParser(
                        text(spec, "json_path", null),
                        flag(spec, "embedded_json", false, ""),
                        embeddedJsonPattern(spec),
                        strings(spec, "envelope_keys"),
                        patterns(spec.path("envelope_patterns"), "envelope_patterns"),
                        explode(spec, names),
                        envelopeTime(spec));
            case "delimited":
                // A filter pattern may name a field by its own name or by an alias.
                Map<String, String> aliases = new LinkedHashMap<>();
                names.forEach(n -> aliases.put(DelimitedRecordParser.aliasKey(n), n));
                spec.path("extracted_fields").fields().forEachRemaining(e -> {
                    if (!names.contains(e.getValue().asText())) {
                        throw new IllegalArgumentException("extracted_fields: " + e.getKey() + " maps to '"
                                + e.getValue().asText() + "', not a declared field");
                    }
                    aliases.put(
                            DelimitedRecordParser.aliasKey(e.getKey()),
                            e.getValue().asText());
                });
                char delimiter = character(spec, "delimiter", ',');
                return new DelimitedRecordParser(
                        names,
                        delimiter,
                        character(spec, "quote", '\0'),
                        nullValues,
                        text(spec, "header", null),
                        aliases,
                        ColumnLayouts.of(spec, names, delimiter));
            case "kv":
                return new KeyValueRecordParser(
                        character(spec, "separator", '='),
                        character(spec, "delimiter", ' '),
                        character(spec, "quote", '"'));
            case "syslog":
                return new SyslogRecordParser(messagePatterns(spec.path("message_pattern")));
            case "regex":
                Pattern pattern = lineRegex(text(spec, "pattern", null), "pattern");
                if (pattern == null) {
                    throw new IllegalArgumentException("pattern: required for the regex parser");
                }
                return new RegexRecordParser(pattern, names, groupsFor(pattern, names), nullValues);
            default:
                throw new IllegalStateException(parser);
        }
    }

    /**
     * A syslog schema's {@code message_pattern}: one regex, or a map of message types (lower_snake_case) to a regex or
     * a list of them, tried in order.
     */
    private static List<SyslogRecordParser.MessagePattern> messagePatterns(JsonNode node) {
        List<SyslogRecordParser.MessagePattern> patterns = new ArrayList<>();
        if (node.isMissingNode() || node.isNull()) {
            return patterns;
        }
        if (node.isTextual()) {
            Pattern p = lineRegex(node.asText(), "message_pattern");
            patterns.add(new SyslogRecordParser.MessagePattern(null, p, namedGroups(p)));
            return patterns;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("message_pattern: a regex, or a map of message types to regexes");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            String where = "message_pattern: " + type.getKey();
            if (!NAME.matcher(type.getKey()).matches()) {
                throw new IllegalArgumentException(where + ": a message type is lower_snake_case");
            }
            JsonNode regexes = type.getValue().isArray()
                    ? type.getValue()
                    : YAML.createArrayNode().add(type.getValue());
            for (JsonNode r : regexes) {
                if (!r.isTextual()) {
                    throw new IllegalArgumentException(where + ": expected a regex or a list of regexes");
                }
                Pattern p = lineRegex(r.asText(), where);
                patterns.add(new SyslogRecordParser.MessagePattern(type.getKey(), p, namedGroups(p)));
            }
        }
        return patterns;
    }

    /** Where in the text the embedded JSON is (its first group), or null for the whole text. */
    private static Pattern embeddedJsonPattern(JsonNode spec) {
        Pattern pattern = lineRegex(text(spec, "embedded_json_pattern", null), "embedded_json_pattern");
        if (pattern == null) {
            return null;
        }
        if (!flag(spec, "embedded_json", false, "")) {
            throw new IllegalArgumentException("embedded_json_pattern: needs embedded_json: true");
        }
        if (pattern.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException(
                    "embedded_json_pattern: needs a group around the JSON, e.g. " + "'audit: (\\{.*\\})'");
        }
        return pattern;
    }

    private static String envelopeTime(JsonNode spec) {
        String key = text(spec, "envelope_time", null);
        if (key != null && text(spec, "json_path", null) == null) {
            throw new IllegalArgumentException("envelope_time: needs json_path (the record's envelope)");
        }
        return key;
    }

    private static Explode explode(JsonNode spec, List<String> fields) {
        JsonNode node = spec.get("explode");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("explode: expected {path, element, key}");
        }
        for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!Set.of("path", "element", "key").contains(key)) {
                throw new IllegalArgumentException("explode: " + key + ": unknown key (known: path, element, key)");
            }
        }
        String path = node.path("path").asText("");
        String element = node.path("element").asText("");
        String key = node.path("key").asText("");
        if (path.isEmpty() || element.isEmpty() || key.isEmpty()) {
            throw new IllegalArgumentException("explode: path, element and key are all required");
        }
        for (String field : List.of(element, key)) {
            if (!fields.contains(field)) {
                throw new IllegalArgumentException("explode: '" + field + "' is not a declared field");
            }
        }
        return new Explode(path, element, key);
    }

    /** For each field, the regex group that fills it: by name, or else by position. */
    private static List<String> groupsFor(Pattern pattern, List<String> fields) {
        List<String> named = namedGroups(pattern);
        List<String> groups = new ArrayList<>();
        if (named.isEmpty()) {
            int count = pattern.matcher("").groupCount();
            if (count != fields.size()) {
                throw new IllegalArgumentException(
                        "pattern: has " + count + " capturing groups for " + fields.size() + " fields");
            }
            for (int i = 1; i <= count; i++) {
                groups.add(Integer.toString(i));
            }
            return groups;
        }
        for (String field : fields) {
            String group = named.stream()
                    .filter(g -> g.equalsIgnoreCase(field.replace("_", "")))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("pattern: no named group for field " + field
                            + " (write (?<" + field.replace("_", "") + ">...))"));
            groups.add(group);
        }
        return groups;
    }

    private static List<String> namedGroups(Pattern pattern) {
        List<String> names = new ArrayList<>();
        Matcher m = NAMED_GROUP.matcher(pattern.pattern());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<FieldSpec> fields(JsonNode node, Set<String> optional, boolean discriminatingByDefault) {
        List<FieldSpec> fields = new ArrayList<>();
        Set<String> columns = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode spec = e.getValue();
            if (spec.isObject()) {
                for (Iterator<String> keys = spec.fieldNames(); keys.hasNext(); ) {
                    String key = keys.next();
                    if (!FIELD_KEYS.contains(key)) {
                        throw new IllegalArgumentException("fields: " + field + ": " + key + ": unknown key (known: "
                                + String.join(", ", FIELD_KEYS) + ")");
                    }
                }
            }
            String typeName =
                    spec.isTextual() ? spec.asText() : spec.path("type").asText("");
            FieldType type;
            try {
                type = FieldType.parse(typeName);
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("fields: " + field + ": " + ex.getMessage());
            }
            TimestampFormat format = null;
            if (type == FieldType.TIMESTAMP) {
                String f = spec.path("format").asText("iso8601");
                try {
                    format = new TimestampFormat(f);
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("fields: " + field + ": " + ex.getMessage());
                }
            }
            String column = Columns.sanitize(field);
            String unique = column;
            for (int i = 2; !columns.add(unique); i++) {
                unique = column + "_" + i;
            }
            boolean isOptional = optional.contains(field) || flag(spec, "optional", false, "fields: " + field + ": ");
            boolean discriminating = flag(spec, "discriminating", discriminatingByDefault, "fields: " + field + ": ");
            fields.add(new FieldSpec(field, type, isOptional, discriminating, unique, format));
        }
        return fields;
    }

    private static int priority(JsonNode spec) {
        JsonNode priority = spec.path("priority");
        if (!priority.isMissingNode() && !priority.isInt()) {
            throw new IllegalArgumentException("priority: must be a whole number, found '" + priority.asText() + "'");
        }
        return priority.asInt(0);
    }

    /** A yes/no setting: true or false, nothing else ("ture" would otherwise quietly read as false). */
    static boolean flag(JsonNode spec, String key, boolean fallback, String where) {
        JsonNode value = spec.path(key);
        if (value.isMissingNode()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(where + key + ": must be true or false, found '" + value.asText() + "'");
        }
        return value.booleanValue();
    }

    private static Map<String, Pattern> patterns(JsonNode node, String key) {
        Map<String, Pattern> patterns = new LinkedHashMap<>();
        node.fields()
                .forEachRemaining(
                        e -> patterns.put(e.getKey(), regex(e.getValue().asText(), key + ": " + e.getKey())));
        return patterns;
    }

    private static List<NormalizedMapping> normalized(JsonNode node) {
        List<NormalizedMapping> mappings = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!Normalized.NAMES.contains(e.getKey())) {
                throw new IllegalArgumentException(
                        "normalized: " + e.getKey() + ": not a normalized field (known: " + Normalized.NAMES + ")");
            }
            List<NormalizedMapping.Candidate> candidates = new ArrayList<>();
            JsonNode list = e.getValue().isArray()
                    ? e.getValue()
                    : new ObjectMapper().createArrayNode().add(e.getValue());
            for (JsonNode c : list) {
                if (c.isTextual()) {
                    candidates.add(new NormalizedMapping.Candidate(c.asText(), null, null, null, null));
                } else if (c.has("value")) {
                    candidates.add(new NormalizedMapping.Candidate(
                            null, null, null, null, c.get("value").asText()));
                } else if (c.has("path")) {
                    Map<String, String> map = null;
                    if (c.has("map")) {
                        map = new LinkedHashMap<>();
                        Map<String, String> m = map;
                        c.get("map")
                                .fields()
                                .forEachRemaining(
                                        v -> m.put(v.getKey(), v.getValue().asText()));
                    }
                    candidates.add(new NormalizedMapping.Candidate(
                            c.get("path").asText(),
                            regex(c.has("match") ? c.get("match").asText() : null, "normalized: " + e.getKey()),
                            map,
                            c.has("default") ? c.get("default").asText() : null,
                            null));
                } else {
                    throw new IllegalArgumentException("normalized: " + e.getKey()
                            + ": each candidate is a path, {path, match, map, default} or {value}");
                }
            }
            mappings.add(new NormalizedMapping(e.getKey(), candidates));
        }
        return mappings;
    }

    /**
     * A regex over a whole line or text, in which {@code .} matches any character: a stray CR or U+2028 in a
     * hostile line must not make {@code .*} stop short, since the failure that follows backtracks through every
     * earlier group (cubic in the line's length for the load balancer formats).
     */
    private static Pattern lineRegex(String text, String key) {
        Pattern pattern = regex(text, key);
        return pattern == null ? null : Pattern.compile(pattern.pattern(), Pattern.DOTALL);
    }

    private static Pattern regex(String text, String key) {
        if (text == null) {
            return null;
        }
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(key + ": bad regular expression: " + e.getDescription());
        }
    }

    private static String text(JsonNode spec, String key, String fallback) {
        JsonNode node = spec.get(key);
        return node == null || node.isNull() ? fallback : node.asText();
    }

    private static char character(JsonNode spec, String key, char fallback) {
        String text = text(spec, key, null);
        if (text == null) {
            return fallback;
        }
        if (text.equals("\\t")) {
            return '\t';
        }
        if (text.length() != 1) {
            throw new IllegalArgumentException(key + ": must be one character, found '" + text + "'");
        }
        return text.charAt(0);
    }

    private static List<String> strings(JsonNode spec, String key) {
        List<String> values = new ArrayList<>();
        JsonNode node = spec.path(key);
        if (node.isTextual()) {
            values.add(node.asText());
        } else {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }
}
