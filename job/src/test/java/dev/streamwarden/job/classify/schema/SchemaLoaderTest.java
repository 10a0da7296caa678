package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Invalid schema files fail with a message naming the file, the log type and the key. */
class SchemaLoaderTest {
    private static List<LogSchema> load(String yaml) {
        return load(yaml, new HashMap<>());
    }

    private static List<LogSchema> load(String yaml, Map<String, JsonNode> known) {
        return SchemaLoader.load(
                "schemas/test.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), known);
    }

    private static String error(String yaml) {
        return assertThrows(SchemaException.class, () -> load(yaml)).getMessage();
    }

    @Test
    void everyBundledSchemaLoads() {
        SchemaRegistry registry = SchemaRegistry.bundled();
        assertTrue(
                registry.byLogType().size() >= 15,
                "log types: " + registry.byLogType().keySet());
    }

    @Test
    void namesFileLogTypeAndKey() {
        assertEquals(
                "schemas/test.yaml: web: fields: status: unknown type 'int' (string, integer, float, boolean, "
                        + "timestamp, map, list, json)",
                error("log_types:\n  web:\n    parser: json\n    fields:\n      status: int\n"));
        assertEquals(
                "schemas/test.yaml: web: parser: must be one of [json, delimited, kv, syslog, regex], found csv",
                error("log_types:\n  web:\n    parser: csv\n    fields: {a: string}\n"));
        assertTrue(error("log_types:\n  web:\n    parser: json\n    fields: {a: string}\n    pattrens: {a: x}\n")
                .startsWith("schemas/test.yaml: web: pattrens: unknown key"));
        assertEquals(
                "schemas/test.yaml: web: optional: 'b' is not a declared field",
                error("log_types:\n  web:\n    parser: json\n    fields: {a: string}\n    optional: [b]\n"));
        assertEquals(
                "schemas/test.yaml: web: time: 'a' must be a declared field of type timestamp",
                error("log_types:\n  web:\n    parser: json\n    fields: {a: string}\n    time: a\n"));
        assertEquals(
                "schemas/test.yaml: web: patterns: a: bad regular expression: Unclosed group",
                error("log_types:\n  web:\n    parser: json\n    fields: {a: string}\n    patterns: {a: \"(x\"}\n"));
        assertTrue(error("log_types:\n  web:\n    parser: json\n    fields: {a: string}\n    normalized: {ip: [a]}\n")
                .startsWith("schemas/test.yaml: web: normalized: ip: not a normalized field"));
        assertEquals(
                "schemas/test.yaml: web: pattern: has 1 capturing groups for 2 fields",
                error(
                        "log_types:\n  web:\n    parser: regex\n    pattern: \"(a) b\"\n    fields: {x: string, y: string}\n"));
        assertEquals(
                "schemas/test.yaml: web: fields: t: bad timestamp format 'yyyy-ll': Unknown pattern letter: l"
                        .substring(0, 60),
                error(
                                "log_types:\n  web:\n    parser: json\n    fields:\n      t: {type: timestamp, format: yyyy-ll}\n")
                        .substring(0, 60));
        assertEquals(
                "schemas/test.yaml: web: header_driven: must be true or false, found 'ture'",
                error("log_types:\n  web:\n    parser: delimited\n    header_driven: ture\n    fields: {a: string}\n"));
        assertEquals(
                "schemas/test.yaml: web: embedded_json: must be true or false, found 'yes please'",
                error(
                        "log_types:\n  web:\n    parser: json\n    embedded_json: yes please\n    fields: {a: string}\n"));
        assertEquals(
                "schemas/test.yaml: web: fields: a: discriminating: must be true or false, found '1'",
                error("log_types:\n  web:\n    parser: json\n    fields: {a: {type: string, discriminating: 1}}\n"));
        assertTrue(error("log_types:\n  web:\n    parser: json\n    fields: {a: {type: string, optinal: true}}\n")
                .startsWith("schemas/test.yaml: web: fields: a: optinal: unknown key (known: "));
        assertEquals(
                "schemas/test.yaml: web: priority: must be a whole number, found 'high'",
                error("log_types:\n  web:\n    parser: json\n    priority: high\n    fields: {a: string}\n"));
        assertEquals(
                "schemas/test.yaml: web: extends: unknown log type 'base' (define it earlier)",
                error("log_types:\n  web:\n    extends: base\n"));
        assertTrue(error("log_types: [1, 2]\n").startsWith("schemas/test.yaml: expected a top-level 'log_types' map"));
        assertTrue(error("log_types:\n  web: {parser: json\n").startsWith("schemas/test.yaml: not valid YAML"));
    }

    @Test
    void extendsCopiesTheBaseAndKeepsItsLogType() {
        Map<String, JsonNode> known = new HashMap<>();
        List<LogSchema> schemas = load(
                "log_types:\n  base:\n    parser: json\n    fields: {a: string}\n"
                        + "  wrapped:\n    extends: base\n    json_path: detail\n",
                known);
        assertEquals("base", schemas.get(1).logType);
        assertEquals("a", schemas.get(1).fields.get(0).name);
    }

    @Test
    void columnsAreLegalAndUnique() {
        assertEquals("event_version", Columns.sanitize("eventVersion"));
        assertEquals("detail_type", Columns.sanitize("detail-type"));
        assertEquals("timestamp", Columns.sanitize("@timestamp"));
        assertEquals("document_id", Columns.sanitize("_document_id"));
        assertEquals("f_3rd_party", Columns.sanitize("3rd-party"));
        assertEquals("record_field", Columns.sanitize("record"));
        List<LogSchema> schemas = load("log_types:\n  web:\n    parser: json\n"
                + "    fields: {srcIp: string, src_ip: string, SrcIp: string}\n");
        assertEquals(
                List.of("src_ip", "src_ip_2", "src_ip_3"),
                List.of(
                        schemas.get(0).fields.get(0).column,
                        schemas.get(0).fields.get(1).column,
                        schemas.get(0).fields.get(2).column));
    }
}
