package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.job.model.Reasons;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which field each column of a delimited line holds. With {@code header_driven}, a record's first line that names
 * fields is a header and decides for the record's lines (fields it does not name are absent). Otherwise the line's
 * field count picks one of the headerless formats: the declared field order, or (with {@code headerless_formats})
 * formats such as "all fields up to version N" of a table of the version that introduced each field, as VPC Flow
 * Logs document theirs. Where two formats have as many fields, the line's version picks; a line's version is never
 * newer than the newest field of its format.
 */
final class ColumnLayouts implements Serializable {
    private static final long serialVersionUID = 1L;
    /** A header names fields as the log writes them: lower case, words joined by "-" (or "_"). */
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([-_][a-z0-9]+)*");

    /** One arrangement of columns. */
    static final class Format implements Serializable {
        private static final long serialVersionUID = 1L;

        final List<String> columns;
        /** The newest version among the columns' fields; 0 when the schema has no version table. */
        final int newestVersion;
        /** How misses name it, e.g. "v5 all fields"; null for the schema's declared order. */
        final String name;

        Format(List<String> columns, int newestVersion, String name) {
            this.columns = List.copyOf(columns);
            this.newestVersion = newestVersion;
            this.name = name;
        }
    }

    private final Set<String> fields;
    private final Map<String, Integer> versions;
    private final String versionField;
    private final boolean headerDriven;
    private final char delimiter;
    private final Map<Integer, List<Format>> headerlessBySize = new HashMap<>();

    private ColumnLayouts(
            List<String> fields,
            Map<String, Integer> versions,
            String versionField,
            boolean headerDriven,
            char delimiter,
            List<Format> headerless) {
        this.fields = new HashSet<>(fields);
        this.versions = versions;
        this.versionField = versionField;
        this.headerDriven = headerDriven;
        this.delimiter = delimiter;
        for (Format format : headerless) {
            headerlessBySize
                    .computeIfAbsent(format.columns.size(), n -> new ArrayList<>())
                    .add(format);
        }
    }

    /**
     * From a schema entry's {@code header_driven}, {@code field_versions}, {@code version_field} and
     * {@code headerless_formats}; {@code fields} are the declared fields in order.
     *
     * @throws IllegalArgumentException naming the key and what is wrong with it
     */
    static ColumnLayouts of(JsonNode spec, List<String> fields, char delimiter) {
        Map<String, Integer> versions = versions(spec.path("field_versions"), fields);
        String versionField =
                spec.hasNonNull("version_field") ? spec.get("version_field").asText() : null;
        if (versionField != null && !fields.contains(versionField)) {
            throw new IllegalArgumentException("version_field: '" + versionField + "' is not a declared field");
        }
        List<Format> headerless = new ArrayList<>();
        JsonNode formats = spec.path("headerless_formats");
        if (formats.isMissingNode()) {
            headerless.add(new Format(fields, newest(fields, versions), null));
        } else if (!formats.isArray() || formats.isEmpty()) {
            throw new IllegalArgumentException("headerless_formats: expected a list of versions and field lists");
        }
        for (JsonNode format : formats) {
            headerless.add(
                    format.isInt()
                            ? allFieldsUpTo(format.asInt(), fields, versions)
                            : namedFormat(format.asText(), fields, versions));
        }
        ColumnLayouts layouts = new ColumnLayouts(
                fields,
                versions,
                versionField,
                SchemaLoader.flag(spec, "header_driven", false, ""),
                delimiter,
                headerless);
        layouts.checkDistinguishable();
        return layouts;
    }

    /** {@code field_versions}: version → the fields it introduced; every declared field once. */
    private static Map<String, Integer> versions(JsonNode node, List<String> fields) {
        Map<String, Integer> versions = new LinkedHashMap<>();
        if (node.isMissingNode()) {
            return versions;
        }
        node.fields().forEachRemaining(e -> {
            int version;
            try {
                version = Integer.parseInt(e.getKey());
            } catch (NumberFormatException notANumber) {
                throw new IllegalArgumentException("field_versions: '" + e.getKey() + "' is not a version number");
            }
            for (JsonNode field : e.getValue()) {
                if (!fields.contains(field.asText())) {
                    throw new IllegalArgumentException(
                            "field_versions: " + version + ": '" + field.asText() + "' is not a declared field");
                }
                if (versions.put(field.asText(), version) != null) {
                    throw new IllegalArgumentException("field_versions: '" + field.asText() + "' listed twice");
                }
            }
        });
        for (String field : fields) {
            if (!versions.containsKey(field)) {
                throw new IllegalArgumentException("field_versions: no version for field '" + field + "'");
            }
        }
        return versions;
    }

    /** Every field of versions up to {@code version}, in the declared order. */
    private static Format allFieldsUpTo(int version, List<String> fields, Map<String, Integer> versions) {
        if (!versions.containsValue(version)) {
            throw new IllegalArgumentException(
                    "headerless_formats: no field has version " + version + " (field_versions lists the versions)");
        }
        List<String> columns = new ArrayList<>();
        for (String field : fields) {
            if (versions.get(field) <= version) {
                columns.add(field);
            }
        }
        return new Format(columns, version, "v" + version + " all fields");
    }

    /** A format written as the log's own format string: "a b c" or "${a} ${b} ${c}", "-" or "_" in names. */
    private static Format namedFormat(String text, List<String> fields, Map<String, Integer> versions) {
        List<String> columns = new ArrayList<>();
        String[] names = text.trim().split("\\s+");
        for (String name : names) {
            String field = fieldName(name.replaceAll("^\\$\\{|}$", ""), fields);
            if (!fields.contains(field)) {
                throw new IllegalArgumentException("headerless_formats: '" + name + "' is not a declared field");
            }
            if (columns.contains(field)) {
                throw new IllegalArgumentException("headerless_formats: '" + text + "' names " + name + " twice");
            }
            columns.add(field);
        }
        String start = String.join(" ", Arrays.asList(names).subList(0, Math.min(3, names.length)));
        return new Format(
                columns, newest(columns, versions), "the format '" + start + (names.length > 3 ? " …" : "") + "'");
    }

    /** Headerless lines must be told apart: by field count, else by the version a line carries. */
    private void checkDistinguishable() {
        for (List<Format> sameSize : headerlessBySize.values()) {
            Map<Integer, Format> byVersion = new HashMap<>();
            for (Format format : sameSize) {
                if (sameSize.size() == 1) {
                    break;
                }
                if (versionField == null || versions.isEmpty() || !format.columns.contains(versionField)) {
                    throw new IllegalArgumentException("headerless_formats: " + sameSize.size() + " formats have "
                            + format.columns.size() + " fields, and " + describe(format) + " has no version "
                            + "(version_field, field_versions) to tell them apart");
                }
                Format other = byVersion.put(format.newestVersion, format);
                if (other != null) {
                    throw new IllegalArgumentException("headerless_formats: " + describe(other) + " and "
                            + describe(format) + " both have " + format.columns.size() + " fields and version "
                            + format.newestVersion);
                }
            }
        }
    }

    /**
     * The header's format when {@code line} names fields (the record's first line), else null.
     *
     * @throws Miss when it is a header but names a field this schema does not have, or one twice
     */
    Format header(String line, List<String> names) throws Miss {
        if (!headerDriven) {
            return null;
        }
        boolean namesAField = false;
        for (String name : names) {
            if (!NAME.matcher(name).matches()) {
                return null; // a value: this is a line of data
            }
            namesAField |= fields.contains(fieldName(name, fields));
        }
        if (!namesAField) {
            return null;
        }
        List<String> columns = new ArrayList<>(names.size());
        Set<String> named = new HashSet<>();
        for (String name : names) {
            String field = fieldName(name, fields);
            // Low closeness: another schema reading the header may say more about the line.
            if (!fields.contains(field)) {
                throw new Miss("header names undocumented field '" + Reasons.quoted(name) + "'", 1);
            }
            if (!named.add(field)) {
                throw new Miss("header names field '" + name + "' twice", 1);
            }
            columns.add(field);
        }
        return new Format(columns, newest(columns, versions), "the header's format");
    }

    /**
     * The headerless format of a line with these values.
     *
     * @throws Miss when no format has as many fields, or the line's version fits none that has
     */
    Format headerless(List<String> values) throws Miss {
        List<Format> candidates = headerlessBySize.get(values.size());
        if (candidates == null) {
            // One field more or less is nearly the format; with several formats, a size near one says nothing.
            boolean near = headerlessBySize.size() == 1 && nearestSizeDistance(values.size()) <= 1;
            int found = values.size();
            // Every text line of another type misses here first: the long list of sizes only for a dead letter.
            throw Miss.deferred(() -> new Miss(expectedSizes(found), near ? 2 : 0));
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        // Formats of one size differ in version (checked at load): the exact one, else the oldest that can hold it.
        Format best = null;
        for (Format format : candidates) {
            Integer version = versionOf(format, values);
            if (version != null && version == format.newestVersion) {
                return format;
            }
            if (version != null
                    && version < format.newestVersion
                    && (best == null || format.newestVersion < best.newestVersion)) {
                best = format;
            }
        }
        if (best == null) {
            String version = values.get(candidates.get(0).columns.indexOf(versionField));
            throw new Miss(
                    values.size() + " fields with version '" + Reasons.quoted(version) + "' fit none of "
                            + names(candidates),
                    3);
        }
        return best;
    }

    /**
     * A header's line has as many fields as the header names, and a line's version is never newer than the newest
     * field of its format (the version says which fields a format can have).
     *
     * @throws Miss saying which does not hold
     */
    void check(Format format, List<String> values) throws Miss {
        int size = format.columns.size();
        if (values.size() != size) {
            // One field more or less is nearly this format; far off is another format.
            throw new Miss(
                    "expected " + size + " fields as the header names, found " + values.size(),
                    Math.abs(values.size() - size) <= 1 ? 2 : 0);
        }
        Integer version = versionOf(format, values);
        if (version != null && format.newestVersion > 0 && version > format.newestVersion) {
            throw new Miss(
                    "version " + version + " is newer than every field of " + describe(format)
                            + " (the newest came in version " + format.newestVersion + ")",
                    3);
        }
    }

    /** The version the line carries in the format's version column; null when it has none or it is not a number. */
    private Integer versionOf(Format format, List<String> values) {
        int column = versionField == null ? -1 : format.columns.indexOf(versionField);
        if (column < 0) {
            return null;
        }
        try {
            return Integer.valueOf(values.get(column));
        } catch (NumberFormatException notANumber) {
            return null; // "-" or garbage: the field's own type check says what is wrong
        }
    }

    private String expectedSizes(int found) {
        List<Integer> sizes = new ArrayList<>(headerlessBySize.keySet());
        sizes.sort(null);
        if (sizes.size() == 1 && names(headerlessBySize.get(sizes.get(0))).isEmpty()) {
            return "expected " + sizes.get(0) + " fields separated by '" + delimiter + "', found " + found;
        }
        StringBuilder expected = new StringBuilder(headerDriven ? "expected a header line or " : "expected ");
        for (int i = 0; i < sizes.size(); i++) {
            expected.append(i == 0 ? "" : i == sizes.size() - 1 ? " or " : ", ").append(sizes.get(i));
            if (i == 0) {
                expected.append(" fields");
            }
            String named = names(headerlessBySize.get(sizes.get(i)));
            if (!named.isEmpty()) {
                expected.append(" (").append(named).append(')');
            }
        }
        return expected.append(", found ").append(found).toString();
    }

    private int nearestSizeDistance(int size) {
        int nearest = Integer.MAX_VALUE;
        for (int candidate : headerlessBySize.keySet()) {
            nearest = Math.min(nearest, Math.abs(candidate - size));
        }
        return nearest;
    }

    private static String names(List<Format> formats) {
        StringBuilder names = new StringBuilder();
        for (Format format : formats) {
            if (format.name != null) {
                names.append(names.length() == 0 ? "" : " or ").append(format.name);
            }
        }
        return names.toString();
    }

    private static String describe(Format format) {
        return format.name != null ? format.name : "the " + format.columns.size() + "-field format";
    }

    private static int newest(List<String> columns, Map<String, Integer> versions) {
        int newest = 0;
        for (String column : columns) {
            newest = Math.max(newest, versions.getOrDefault(column, 0));
        }
        return newest;
    }

    /** A name as a header writes it ("log-status") to the schema's field name ("log_status"). */
    private static String fieldName(String name, Collection<String> fields) {
        return fields.contains(name) ? name : name.replace('-', '_');
    }
}
