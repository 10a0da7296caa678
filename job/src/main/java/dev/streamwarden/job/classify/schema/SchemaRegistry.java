package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every log schema (the {@code schemas/*.yaml} files in rules/) and which sources carry which log types
 * ({@code sources.yaml}). Loading validates everything; the schema tests load it, so a bad file fails the build.
 */
public final class SchemaRegistry implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Priority first, then specificity, then name: the order candidates are tried in, and ties are broken. */
    static final Comparator<LogSchema> PRECEDENCE = Comparator.<LogSchema>comparingInt(s -> -s.priority)
            .thenComparingInt(s -> -s.specificity())
            .thenComparing(s -> s.name);

    private final List<LogSchema> schemas;
    /** Source name → the log types it carries; sources not listed carry any. */
    private final Map<String, Set<String>> sources;

    SchemaRegistry(List<LogSchema> schemas, Map<String, Set<String>> sources) {
        checkOneTablePerLogType(schemas);
        List<LogSchema> sorted = new ArrayList<>(schemas);
        sorted.sort(PRECEDENCE);
        this.schemas = List.copyOf(sorted);
        this.sources = sources;
    }

    /** The schemas and sources bundled on the classpath (rules/src/main/resources). */
    public static SchemaRegistry bundled() {
        try {
            Map<String, JsonNode> known = new HashMap<>();
            List<LogSchema> schemas = new ArrayList<>();
            for (String file : ClasspathFiles.list("schemas", ".yaml")) {
                schemas.addAll(SchemaLoader.load(file, new ByteArrayInputStream(ClasspathFiles.read(file)), known));
            }
            if (schemas.isEmpty()) {
                throw new SchemaException("no schemas/*.yaml on the classpath");
            }
            Map<String, Set<String>> sources = new LinkedHashMap<>();
            try (InputStream in = SchemaRegistry.class.getClassLoader().getResourceAsStream("sources.yaml")) {
                if (in != null) {
                    sources = sources(in, schemas);
                }
            }
            return new SchemaRegistry(schemas, sources);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Set<String>> sources(InputStream in, List<LogSchema> schemas) throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
        Set<String> logTypes = new LinkedHashSet<>();
        schemas.forEach(s -> logTypes.add(s.logType));
        Map<String, Set<String>> sources = new LinkedHashMap<>();
        root.path("sources").fields().forEachRemaining(e -> {
            Set<String> types = new LinkedHashSet<>();
            for (JsonNode t : e.getValue()) {
                if (!logTypes.contains(t.asText())) {
                    throw new SchemaException(
                            "sources.yaml: " + e.getKey() + ": unknown log type '" + t.asText() + "'");
                }
                types.add(t.asText());
            }
            sources.put(e.getKey(), types);
        });
        return sources;
    }

    /**
     * Entries of one log type (CloudTrail's shapes, for instance) share its lake table, whose columns come from one of
     * them: they must declare the same fields with the same types and timestamp formats (the lake types a value by
     * that entry's format), or some events would lose typed columns. What may differ is which fields are required.
     */
    private static void checkOneTablePerLogType(List<LogSchema> schemas) {
        Map<String, LogSchema> first = new HashMap<>();
        for (LogSchema schema : schemas) {
            LogSchema other = first.putIfAbsent(schema.logType, schema);
            if (other != null && !columns(other).equals(columns(schema))) {
                throw new SchemaException(schema.file + ": " + schema.name + ": fields: must be those of " + other.name
                        + " (" + other.file + "), the same log type " + schema.logType + ": " + columns(schema)
                        + " vs " + columns(other));
            }
        }
    }

    private static List<String> columns(LogSchema schema) {
        List<String> columns = new ArrayList<>();
        schema.fields.forEach(f -> columns.add(f.name + ":" + f.type.name().toLowerCase(java.util.Locale.ROOT)
                + (f.type == FieldType.TIMESTAMP ? "(" + f.timestampFormat.format() + ")" : "")));
        return columns;
    }

    /** All schemas in precedence order. */
    public List<LogSchema> schemas() {
        return schemas;
    }

    /** The schemas a source's events are tried against, in precedence order. */
    public List<LogSchema> candidates(String source) {
        Set<String> types = sources.get(source);
        if (types == null) {
            return schemas;
        }
        List<LogSchema> candidates = new ArrayList<>();
        for (LogSchema s : schemas) {
            if (types.contains(s.logType)) {
                candidates.add(s);
            }
        }
        return candidates;
    }

    /** One schema per log type (the first in precedence), for the lake's columns and the DDL. */
    public Map<String, LogSchema> byLogType() {
        Map<String, LogSchema> byType = new LinkedHashMap<>();
        schemas.stream().sorted(Comparator.comparing(s -> s.logType)).forEach(s -> byType.putIfAbsent(s.logType, s));
        return byType;
    }
}
