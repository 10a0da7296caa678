package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParsersTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static LogSchema schema(String yaml) {
        return TestSchemas.entry(yaml);
    }

    private static RawEvent raw(String payload) {
        return RawEvent.from(new RawRecord("s", "o", null, "1", 5_000L, null), payload);
    }

    private static Event one(LogSchema schema, String payload) throws Exception {
        ObjectNode json = payload.startsWith("{") ? (ObjectNode) MAPPER.readTree(payload) : null;
        List<Event> events = schema.parse(raw(payload), json);
        assertEquals(1, events.size());
        return events.get(0);
    }

    @Test
    void delimitedHandlesQuotesNullsAndCountsFields() throws Exception {
        LogSchema s = schema("    parser: delimited\n    delimiter: ','\n    quote: '\"'\n    null_values: ['-']\n"
                + "    fields: {a: string, b: integer, c: string}\n    optional: [b]\n");
        Event e = one(s, "\"x, \\\"y\\\"\",-,z");
        assertEquals("x, \"y\"", e.text("a"));
        assertTrue(e.json().get("b").isNull());
        Miss miss = assertThrows(Miss.class, () -> s.parse(raw("a,1"), null));
        assertEquals("t: expected 3 fields separated by ',', found 2", miss.getMessage());
    }

    @Test
    void aPatternThatBacktracksWithoutEndIsAMissNotAHang() throws Exception {
        // (.*a){8} tries every way of splitting the a's into eight before it fails at the b: some 10^13 steps here.
        LogSchema s = schema("    parser: regex\n    pattern: '^(?<a>(.*a){8})$'\n    fields: {a: string}\n");
        Miss miss = assertThrows(Miss.class, () -> s.parse(raw("a".repeat(200) + "b"), null));
        assertEquals(
                "t: the format does not match without reading the text more than 64 times per character (it"
                        + " backtracks)",
                miss.getMessage());
        assertEquals("a".repeat(8), one(s, "a".repeat(8)).text("a"), "a line it matches in a few steps is read");
    }

    @Test
    void typesCoerceOrMissNamingTheField() throws Exception {
        LogSchema s = schema("    parser: kv\n    fields:\n      n: integer\n      f: float\n      b: boolean\n"
                + "      t: {type: timestamp, format: 'dd/MMM/yyyy:HH:mm:ss Z'}\n      m: {type: map, optional: true}\n"
                + "    time: t\n");
        Event e = one(s, "n=42 f=1.5 b=true t=\"06/Feb/2019:00:00:38 +0000\" m={\"k\":1}");
        assertEquals(42, e.json().get("n").asLong());
        assertTrue(e.json().get("f").isDouble());
        assertTrue(e.json().get("b").asBoolean());
        assertEquals("2019-02-06T00:00:38Z", e.text("t"));
        assertEquals(Instant.parse("2019-02-06T00:00:38Z").toEpochMilli(), e.eventTime);
        assertEquals(1, e.at("m.k").asInt());
        Miss miss =
                assertThrows(Miss.class, () -> s.parse(raw("n=x f=1 b=true t=\"06/Feb/2019:00:00:38 +0000\""), null));
        assertEquals("t: field n 'x' is not an integer", miss.getMessage());
        Miss absent = assertThrows(Miss.class, () -> s.parse(raw("n=1 f=1 t=\"06/Feb/2019:00:00:38 +0000\""), null));
        assertEquals("t: missing required key b", absent.getMessage());
    }

    @Test
    void optionalKeysStayAbsentInsteadOfBecomingEmptyStrings() throws Exception {
        LogSchema s = schema("    parser: json\n    fields: {a: string, b: {type: string, optional: true}}\n");
        Event e = one(s, "{\"a\":\"1\"}");
        assertTrue(e.json().path("b").isMissingNode());
    }

    @Test
    void syslogReadsBothRfcsAndTheMessagePattern() throws Exception {
        LogSchema s = schema("    parser: syslog\n    message_pattern: 'user (?<user>\\S+)'\n"
                + "    fields: {timestamp: {type: timestamp}, host: string, app: string, user: string}\n"
                + "    time: timestamp\n");
        String line = "<13>Dec  1 10:00:01 web-1 login[42]: bad user mallory";
        Event old = s.parse(
                        RawEvent.from(
                                new RawRecord(
                                        "s",
                                        "o",
                                        null,
                                        "1",
                                        Instant.parse("2026-12-01T10:00:05Z").toEpochMilli(),
                                        null),
                                line),
                        null)
                .get(0);
        assertEquals("mallory", old.text("user"));
        assertEquals("web-1", old.text("host"));
        assertEquals("42", old.text("pid"));
        assertEquals("2026-12-01T10:00:01Z", old.text("timestamp"), "the year of the record's arrival");
        Event modern = one(s, "<165>1 2026-11-28T10:00:02.123+01:00 web-2 login 77 ID47 [x@1 a=\"b\"] user bob");
        assertEquals("bob", modern.text("user"));
        assertEquals(Instant.parse("2026-11-28T09:00:02.123Z").toEpochMilli(), modern.eventTime);
        assertEquals(20, modern.json().get("facility").asInt());
        assertEquals(5, modern.json().get("severity").asInt());
        assertEquals("[x@1 a=\"b\"]", modern.text("structured_data"));
        assertThrows(Miss.class, () -> s.parse(raw("not syslog at all"), null));
    }

    @Test
    void regexFillsFieldsFromNamedGroups() throws Exception {
        LogSchema s = schema("    parser: regex\n    pattern: '(?<clientip>\\S+) (?<status>\\d+)'\n"
                + "    fields: {client_ip: string, status: integer}\n");
        Event e = one(s, "192.0.2.1 404");
        assertEquals("192.0.2.1", e.text("client_ip"));
        assertEquals(404, e.json().get("status").asInt());
    }

    @Test
    void jsonPathPullsRecordsOutOfAnEnvelopeWithEmbeddedJsonAndEnvelopeKeys() throws Exception {
        LogSchema s = schema("    parser: json\n    json_path: 'logEvents[*].message'\n    embedded_json: true\n"
                + "    envelope_keys: [logGroup]\n    fields: {a: integer, envelope: map}\n");
        String payload = "{\"logGroup\":\"g\",\"logEvents\":[{\"message\":\"{\\\"a\\\":1}\"},"
                + "{\"message\":\"{\\\"a\\\":2}\"}]}";
        List<Event> events = s.parse(raw(payload), MAPPER.readTree(payload));
        assertEquals(2, events.size());
        assertEquals(2, events.get(1).json().get("a").asInt());
        assertEquals("g", events.get(1).text("envelope.logGroup"));
    }

    @Test
    void aHeaderLineSetsTheColumnOrderOfTheLinesAfterIt() throws Exception {
        LogSchema s = schema("    parser: delimited\n    delimiter: ' '\n    header_driven: true\n"
                + "    fields: {version: integer, src-addr: string, dst_port: integer, extra: string}\n"
                + "    optional: [extra]\n");
        String header = "dst_port version src-addr";
        RawEvent headerLine = raw(header);
        headerLine.firstLine = header;
        assertEquals(List.of(), s.parse(headerLine, null), "the header is not an event");
        RawEvent line = raw("443 5 10.0.0.1");
        line.firstLine = header;
        Event e = s.parse(line, null).get(0);
        assertEquals(443, e.json().get("dst_port").asInt());
        assertEquals("10.0.0.1", e.text("src-addr"));
        assertTrue(e.json().path("extra").isMissingNode(), "a field the header does not name is absent");
        RawEvent noHeader = raw("5 10.0.0.2 22 x");
        noHeader.firstLine = "5 10.0.0.2 22 x";
        assertEquals(22, s.parse(noHeader, null).get(0).json().get("dst_port").asInt(), "declared order otherwise");
    }

    @Test
    void tiesAreBrokenByPriorityThenSpecificity() throws Exception {
        List<LogSchema> schemas = TestSchemas.logTypes("  loose:\n    parser: json\n    fields: {a: string}\n"
                + "  strict:\n    parser: json\n    fields: {a: string, b: string}\n"
                + "  preferred:\n    parser: json\n    priority: 5\n    fields: {a: string}\n"
                + "    patterns: {a: '^x'}\n");
        SchemaRegistry registry = new SchemaRegistry(schemas, java.util.Map.of());
        dev.streamwarden.job.classify.Classifier classifier = new dev.streamwarden.job.classify.Classifier(registry);
        assertEquals(
                "preferred",
                classifier.classify(raw("{\"a\":\"x1\",\"b\":\"2\"}")).event().logType);
        assertEquals(
                "strict", classifier.classify(raw("{\"a\":\"y1\",\"b\":\"2\"}")).event().logType);
        assertEquals("loose", classifier.classify(raw("{\"a\":\"y1\"}")).event().logType);
    }

    @Test
    void timestampFormats() {
        assertEquals(
                Instant.parse("2026-11-28T10:00:00Z"), new TimestampFormat("iso8601").parse("2026-11-28 10:00:00", 0L));
        assertEquals(
                Instant.parse("2026-11-28T09:00:00Z"),
                new TimestampFormat("iso8601").parse("2026-11-28T10:00:00+01:00", 0L));
        assertEquals(
                Instant.ofEpochMilli(1418530010500L), new TimestampFormat("epoch_seconds").parse("1418530010.5", 0L));
        assertEquals(
                Instant.ofEpochMilli(1418530010123L), new TimestampFormat("epoch_millis").parse("1418530010123", 0L));
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> new TimestampFormat("iso8601").parse("yesterday", 0L));
        assertEquals("'yesterday' is not a timestamp in format iso8601", bad.getMessage());
    }
}
