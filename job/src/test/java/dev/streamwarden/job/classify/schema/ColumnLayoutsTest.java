package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import org.junit.jupiter.api.Test;

/** The delimited parser's format keys: what they read, and the one-line errors a mistake in them gets. */
class ColumnLayoutsTest {
    private static final String FIELDS = "    parser: delimited\n    delimiter: ' '\n"
            + "    fields: {v: integer, a: string, b: string, c-d: string}\n    optional: [a, b, c-d]\n";

    private static LogSchema schema(String yaml) {
        return TestSchemas.entry(yaml);
    }

    private static String error(String yaml) {
        return assertThrows(SchemaException.class, () -> schema(yaml)).getMessage();
    }

    private static Event one(LogSchema schema, String line) throws Miss {
        RawEvent raw = RawEvent.from(new RawRecord("s", "o", null, "1", 5_000L, null), line);
        raw.firstLine = line;
        return schema.parse(raw, null).get(0);
    }

    @Test
    void formatsAreAllFieldsUpToAVersionOrAFormatString() throws Miss {
        LogSchema s = schema(FIELDS + "    field_versions: {1: [v, a], 2: [b], 3: [c-d]}\n    version_field: v\n"
                + "    headerless_formats: [1, 3, '${v} ${c-d} ${b}', 'v b']\n");
        assertEquals("x", one(s, "1 x").text("a"));
        assertEquals("z", one(s, "3 x y z").text("c-d"));
        assertEquals("y", one(s, "3 x y").text("b"), "three fields: the format string");
        assertEquals("y", one(s, "2 y").text("b"), "two fields and version 2: 'v b' (version 1 is 'v a')");
        assertEquals("y", one(s, "1 y").text("a"));
        Miss miss = assertThrows(Miss.class, () -> one(s, "1 2 3 4 5"));
        assertEquals(
                "t: expected 2 fields (v1 all fields or the format 'v b'), 3 (the format '${v} ${c-d} ${b}') or "
                        + "4 (v3 all fields), found 5",
                miss.getMessage());
    }

    @Test
    void mistakesInTheFormatKeysNameTheKey() {
        assertEquals(
                "schemas/test.yaml: t: field_versions: 1: 'z' is not a declared field",
                error(FIELDS + "    field_versions: {1: [v, a, b, c-d, z]}\n"));
        assertEquals(
                "schemas/test.yaml: t: field_versions: no version for field 'c-d'",
                error(FIELDS + "    field_versions: {1: [v, a, b]}\n"));
        assertEquals(
                "schemas/test.yaml: t: field_versions: 'a' listed twice",
                error(FIELDS + "    field_versions: {1: [v, a, b, c-d], 2: [a]}\n"));
        assertEquals(
                "schemas/test.yaml: t: field_versions: 'one' is not a version number",
                error(FIELDS + "    field_versions: {one: [v, a, b, c-d]}\n"));
        assertEquals(
                "schemas/test.yaml: t: version_field: 'w' is not a declared field",
                error(FIELDS + "    version_field: w\n"));
        assertTrue(error(FIELDS + "    field_versions: {1: [v, a, b, c-d]}\n    headerless_formats: [2]\n")
                .startsWith("schemas/test.yaml: t: headerless_formats: no field has version 2"));
        assertEquals(
                "schemas/test.yaml: t: headerless_formats: 'x' is not a declared field",
                error(FIELDS + "    headerless_formats: ['v x']\n"));
        String versions = "    field_versions: {1: [v, a], 2: [b, c-d]}\n    version_field: v\n";
        assertEquals(
                "schemas/test.yaml: t: headerless_formats: the format 'v b' and the format 'v c-d' both have 2 "
                        + "fields and version 2",
                error(FIELDS + versions + "    headerless_formats: ['v b', 'v c-d']\n"));
        assertEquals(
                "schemas/test.yaml: t: headerless_formats: 2 formats have 2 fields, and the format 'a b' has no "
                        + "version (version_field, field_versions) to tell them apart",
                error(FIELDS + versions + "    headerless_formats: ['a b', 'v b']\n"));
    }
}
