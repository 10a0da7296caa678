package dev.streamwarden.job.classify.schema;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;

/** Schemas written in a test: the entries of a {@code log_types:} map, as a schema file would hold them. */
final class TestSchemas {
    private TestSchemas() {}

    /** {@code yaml}: the entries, indented two spaces ("  name:\n    parser: json\n..."). */
    static List<LogSchema> logTypes(String yaml) {
        return SchemaLoader.load(
                "schemas/test.yaml",
                new ByteArrayInputStream(("log_types:\n" + yaml).getBytes(StandardCharsets.UTF_8)),
                new HashMap<>());
    }

    /** One entry named {@code t}; {@code yaml}: its keys, indented four spaces. */
    static LogSchema entry(String yaml) {
        return logTypes("  t:\n" + yaml).get(0);
    }
}
