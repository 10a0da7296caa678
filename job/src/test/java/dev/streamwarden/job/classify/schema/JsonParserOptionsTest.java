package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The json parser's options for vendors' envelopes and batches (explode, embedded_json_pattern, envelope_time), the
 * one-table-per-log-type check, and how a JSON miss names the closest log type.
 */
class JsonParserOptionsTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long ARRIVAL = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();

    private static final String BATCH = "    parser: json\n"
            + "    explode: {path: diffResults, element: columns, key: action}\n"
            + "    fields: {name: string, unixTime: {type: timestamp, format: epoch_seconds}, columns: map,"
            + " action: string}\n"
            + "    patterns: {action: '^(added|removed)$'}\n    time: unixTime\n";

    private static List<LogSchema> schemas(String yaml) {
        return TestSchemas.logTypes(yaml);
    }

    private static LogSchema schema(String yaml) {
        return schemas("  t:\n" + yaml).get(0);
    }

    private static String error(String yaml) {
        return assertThrows(SchemaException.class, () -> schema(yaml)).getMessage();
    }

    private static RawEvent raw(String payload) {
        return RawEvent.from(new RawRecord("s", "o", null, "1", ARRIVAL, null), payload);
    }

    private static List<Event> parse(LogSchema schema, String payload) throws Exception {
        return schema.parse(raw(payload), (ObjectNode) MAPPER.readTree(payload));
    }

    @Test
    void explodeMakesOneEventPerRowWithItsActionAndTheRunsOtherKeys() throws Exception {
        String batch = "{\"name\":\"ports\",\"unixTime\":\"1795860000\",\"diffResults\":{"
                + "\"added\":[{\"port\":\"22\"},{\"port\":\"3333\"}],\"removed\":[{\"port\":\"443\"}]}}";
        ObjectNode json = (ObjectNode) MAPPER.readTree(batch);
        List<Event> events = schema(BATCH).parse(raw(batch), json);

        assertEquals(3, events.size());
        assertEquals(
                List.of("added", "added", "removed"),
                events.stream().map(e -> e.text("action")).collect(Collectors.toList()));
        assertEquals(
                List.of("22", "3333", "443"),
                events.stream().map(e -> e.text("columns.port")).collect(Collectors.toList()));
        for (Event e : events) {
            assertEquals("ports", e.text("name"));
            assertTrue(e.json().path("diffResults").isMissingNode(), "the batch is not repeated on each row");
            assertEquals(Instant.parse("2026-11-28T10:00:00Z").toEpochMilli(), e.eventTime);
        }
        assertEquals(MAPPER.readTree(batch), json, "the parsed input is not changed");
    }

    @Test
    void explodeSaysWhatIsWrongWithTheBatch() {
        Miss empty = assertThrows(
                Miss.class,
                () -> parse(
                        schema(BATCH),
                        "{\"name\":\"q\",\"unixTime\":1,\"diffResults\":{\"added\":[],\"removed\":[]}}"));
        assertEquals("t: diffResults holds no rows", empty.getMessage());
        assertEquals(Integer.MAX_VALUE, empty.closeness(), "nothing else comes closer than a batch with no rows");
        assertEquals(
                "t: diffResults is absent",
                assertThrows(
                                Miss.class,
                                () -> parse(
                                        schema(BATCH),
                                        "{\"name\":\"q\",\"unixTime\":1,\"columns\":{},\"action\":\"added\"}"))
                        .getMessage());
        assertEquals(
                "t: diffResults.added is string, not an array",
                assertThrows(
                                Miss.class,
                                () -> parse(
                                        schema(BATCH),
                                        "{\"name\":\"q\",\"unixTime\":1,\"diffResults\":{\"added\":\"x\"}}"))
                        .getMessage());
        assertEquals(
                "t: diffResults is array, not a map of arrays",
                assertThrows(
                                Miss.class,
                                () -> parse(schema(BATCH), "{\"name\":\"q\",\"unixTime\":1,\"diffResults\":[]}"))
                        .getMessage());
    }

    @Test
    void embeddedJsonPatternFindsTheJsonInsideText() throws Exception {
        LogSchema s = schema("    parser: json\n    json_path: message\n    embedded_json: true\n"
                + "    embedded_json_pattern: 'audit: (\\{.*\\})$'\n    envelope_keys: [host]\n"
                + "    fields: {action: string, envelope: map}\n");
        Event e = parse(
                        s,
                        "{\"host\":\"ghes-1\",\"message\":\"<190>Nov 27 13:05:00 ghes audit: {\\\"action\\\":"
                                + "\\\"repo.create\\\"}\"}")
                .get(0);
        assertEquals("repo.create", e.text("action"));
        assertEquals("ghes-1", e.text("envelope.host"));

        Miss miss = assertThrows(Miss.class, () -> parse(s, "{\"message\":\"<190>Nov 27 13:05:00 ghes\"}"));
        assertEquals("t: json_path value does not match /audit: (\\{.*\\})$/", miss.getMessage());
    }

    @Test
    void theEnvelopesTimeStandsInForARecordWithoutOne() throws Exception {
        LogSchema s = schema("    parser: json\n    json_path: detail\n    envelope_keys: [time]\n"
                + "    envelope_time: time\n    fields: {at: {type: timestamp, optional: true}, envelope: map}\n"
                + "    time: at\n");

        Event sparse =
                parse(s, "{\"time\":\"2026-11-28T09:00:00Z\",\"detail\":{}}").get(0);
        assertEquals(Instant.parse("2026-11-28T09:00:00Z").toEpochMilli(), sparse.eventTime);
        assertNull(sparse.coercionErrors);

        Event own = parse(s, "{\"time\":\"2026-11-28T09:00:00Z\",\"detail\":{\"at\":\"2026-11-28T08:59:58Z\"}}")
                .get(0);
        assertEquals(Instant.parse("2026-11-28T08:59:58Z").toEpochMilli(), own.eventTime, "the record's own first");

        Event future = parse(s, "{\"time\":\"2026-11-28T09:00:00Z\",\"detail\":{\"at\":\"2027-01-01T00:00:00Z\"}}")
                .get(0);
        assertEquals(Instant.parse("2026-11-28T09:00:00Z").toEpochMilli(), future.eventTime);
        assertEquals("at", future.coercionErrors[0].field);

        Event unreadable = parse(s, "{\"time\":\"soon\",\"detail\":{}}").get(0);
        assertEquals(ARRIVAL, unreadable.eventTime);
        assertEquals(
                List.of(new CoercionError("envelope.time", "'soon' is not a timestamp in format iso8601")),
                List.of(unreadable.coercionErrors));
    }

    @Test
    void optionsThatCannotWorkFailTheBuild() {
        assertEquals(
                "schemas/test.yaml: t: explode: 'cols' is not a declared field",
                error("    parser: json\n    explode: {path: d, element: cols, key: a}\n    fields: {a: string}\n"));
        assertEquals(
                "schemas/test.yaml: t: explode: path, element and key are all required",
                error("    parser: json\n    explode: {path: d, element: a}\n    fields: {a: string}\n"));
        assertEquals(
                "schemas/test.yaml: t: embedded_json_pattern: needs a group around the JSON, e.g. "
                        + "'audit: (\\{.*\\})'",
                error("    parser: json\n    json_path: m\n    embedded_json: true\n"
                        + "    embedded_json_pattern: 'audit: '\n    fields: {a: string}\n"));
        assertEquals(
                "schemas/test.yaml: t: envelope_time: needs json_path (the record's envelope)",
                error("    parser: json\n    envelope_time: time\n    fields: {a: string}\n"));
    }

    @Test
    void entriesOfOneLogTypeMustDeclareTheSameFields() {
        List<LogSchema> schemas = schemas("  api:\n    log_type: trail\n    parser: json\n    fields: {a: string}\n"
                + "  insight:\n    log_type: trail\n    parser: json\n    fields: {a: string, b: map}\n");
        SchemaException e = assertThrows(SchemaException.class, () -> new SchemaRegistry(schemas, Map.of()));
        assertEquals(
                "schemas/test.yaml: insight: fields: must be those of api (schemas/test.yaml), the same log type "
                        + "trail: [a:string, b:map] vs [a:string]",
                e.getMessage());
    }

    @Test
    void entriesOfOneLogTypeMustWriteTimestampsAlike() {
        List<LogSchema> schemas = schemas("  api:\n    log_type: trail\n    parser: json\n"
                + "    fields: {at: {type: timestamp, format: iso8601}}\n"
                + "  old:\n    log_type: trail\n    parser: json\n"
                + "    fields: {at: {type: timestamp, format: epoch_seconds}}\n");
        SchemaException e = assertThrows(SchemaException.class, () -> new SchemaRegistry(schemas, Map.of()));
        assertEquals(
                "schemas/test.yaml: old: fields: must be those of api (schemas/test.yaml), the same log type "
                        + "trail: [at:timestamp(epoch_seconds)] vs [at:timestamp(iso8601)]",
                e.getMessage());
    }

    private static final String FINDINGS =
            "    parser: json\n    json_path: 'Findings[*]'\n" + "    fields: {Id: string, Severity: integer}\n";

    @Test
    void aBatchKeepsTheRecordsOfItsTypeAndRejectsTheOthersOneByOne() throws Exception {
        String batch = "{\"Findings\":[{\"Id\":\"a\",\"Severity\":\"3\"},{\"Other\":1},7,"
                + "{\"Id\":\"c\",\"Severity\":\"high\"}]}";
        ObjectNode json = (ObjectNode) MAPPER.readTree(batch);
        List<RejectedRecord> rejected = new java.util.ArrayList<>();
        List<Event> events = schema(FINDINGS).parse(raw(batch), json, rejected);

        assertEquals(List.of("a", "c"), events.stream().map(e -> e.text("Id")).collect(Collectors.toList()));
        assertEquals(3, events.get(0).json().get("Severity").asLong());
        assertEquals(
                List.of(new CoercionError("Severity", "'high' is not an integer")),
                List.of(events.get(1).coercionErrors));
        assertEquals(
                List.of(
                        "record 2 of 4 in the batch: t: missing required key Id",
                        "record 3 of 4 in the batch: t: json_path selects '7', not an object"),
                rejected.stream().map(r -> r.reason).collect(Collectors.toList()));
        assertEquals(
                List.of("{\"Other\":1}", "7"),
                rejected.stream().map(r -> r.text).collect(Collectors.toList()));
        assertEquals(MAPPER.readTree(batch), json, "the parsed input is not changed by typing its records");
        assertThrows(Miss.class, () -> schema(FINDINGS).parse(raw(batch), json), "without a place for rejects");
    }

    @Test
    void aBatchWithNoRecordOfTheTypeIsAMiss() throws Exception {
        String batch = "{\"Findings\":[{\"Other\":1},7]}";
        List<RejectedRecord> rejected = new java.util.ArrayList<>();
        Miss miss = assertThrows(
                Miss.class, () -> schema(FINDINGS).parse(raw(batch), (ObjectNode) MAPPER.readTree(batch), rejected));
        assertEquals("t: missing required key Id", miss.getMessage());
        assertEquals(List.of(), rejected);
    }

    @Test
    void aJsonMissNamesTheLogTypeWhoseKeysTheRecordHas() {
        // Ranked by how far the checks got, "second" (its first key present) would be named for a record that has
        // three of first's four keys.
        Classifier classifier = new Classifier(new SchemaRegistry(
                schemas("  first:\n    parser: json\n    fields: {a: string, b: string, c: string, d: string}\n"
                        + "  second:\n    parser: json\n    fields: {x: string, y: string}\n"),
                Map.of()));

        ParseResult miss = classifier.classify(raw("{\"b\":\"1\",\"c\":\"2\",\"d\":\"3\",\"x\":\"4\"}"));
        assertTrue(miss.miss().endsWith("closest: first: missing required key a"), miss.miss());
        assertEquals("first", miss.closestLogType());

        ParseResult refused = classifier.classify(raw("{\"a\":\"1\",\"b\":\"2\",\"x\":\"3\"}"));
        assertTrue(refused.miss().endsWith("closest: first: missing required key c"), refused.miss());
    }

    @Test
    void aJsonRecordLikeNoCandidateSaysSoAndShowsItsKeys() {
        Classifier classifier = new Classifier(new SchemaRegistry(
                schemas(
                        "  finding:\n    parser: json\n    json_path: detail\n    envelope_patterns: {kind: '^finding$'}\n"
                                + "    fields: {id: {type: string, optional: true}}\n"
                                + "  call:\n    parser: json\n    fields: {eventName: string, awsRegion: string}\n"),
                Map.of()));

        ParseResult lowercase = classifier.classify(raw("{\"eventname\":\"GetObject\",\"awsregion\":\"us-east-1\"}"));
        assertEquals(
                "no log type matched (tried call, finding); the record has none of their required keys (its "
                        + "keys: eventname, awsregion)",
                lowercase.miss());
        assertNull(lowercase.closestLogType(), "no log type to count the failure against");
        assertTrue(classifier.classify(raw("{}")).miss().endsWith("(it is an empty object)"));

        ParseResult otherKind = classifier.classify(raw("{\"kind\":\"heartbeat\",\"detail\":{}}"));
        assertTrue(
                otherKind.miss().endsWith("closest: finding: envelope kind 'heartbeat' does not match /^finding$/"),
                otherKind.miss());
    }
}
