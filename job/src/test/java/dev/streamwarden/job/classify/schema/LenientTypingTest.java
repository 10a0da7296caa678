package dev.streamwarden.job.classify.schema;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One bad value never loses an event: a value of a non-discriminating field that does not type is recorded and the
 * event kept; discriminating fields still decide the log type; the event time always comes from the first
 * plausible candidate.
 */
class LenientTypingTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long ARRIVAL = Instant.parse("2026-11-28T10:00:00Z").toEpochMilli();

    private static List<LogSchema> schemas(String yaml) {
        return TestSchemas.logTypes(yaml);
    }

    private static RawEvent raw(String payload, long arrival) {
        return RawEvent.from(new RawRecord("s", "shard-1", null, "7", arrival, null), payload);
    }

    private static Event one(LogSchema schema, RawEvent raw) throws Miss {
        try {
            ObjectNode json = raw.payload.startsWith("{") ? (ObjectNode) MAPPER.readTree(raw.payload) : null;
            List<Event> events = schema.parse(raw, json);
            assertEquals(1, events.size());
            return events.get(0);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final String APP = "  app:\n    parser: json\n    fields:\n      id: string\n"
            + "      count: integer\n      at: {type: timestamp, format: iso8601}\n"
            + "      port: {type: integer, optional: true}\n"
            + "    time: at\n    normalized:\n      src_port: [port]\n";

    @Test
    void aJsonValueThatDoesNotTypeIsRecordedAndTheEventKept() throws Miss {
        Event e = one(
                schemas(APP).get(0), raw("{\"id\":\"a\",\"count\":\"many\",\"at\":\"2026-11-28T09:00:00Z\"}", ARRIVAL));

        assertEquals("app", e.logType);
        assertEquals(Instant.parse("2026-11-28T09:00:00Z").toEpochMilli(), e.eventTime);
        assertArrayEquals(
                new CoercionError[] {new CoercionError("count", "'many' is not an integer")}, e.coercionErrors);
        assertEquals("many", e.text("count"), "the value as written stays in the record");
    }

    @Test
    void aNormalizedIntegerThatIsNotOneIsRecordedAndLeftOut() throws Miss {
        Event e = one(
                schemas(APP.replace("port: {type: integer, optional: true}", "port: {type: json, optional: true}"))
                        .get(0),
                raw("{\"id\":\"a\",\"count\":1,\"at\":\"2026-11-28T09:00:00Z\",\"port\":\"http\"}", ARRIVAL));

        assertNull(e.normalized.srcPort);
        assertArrayEquals(
                new CoercionError[] {new CoercionError("normalized.src_port", "'http' is not an integer")},
                e.coercionErrors);
    }

    @Test
    void discriminatingFieldsStillDecide() throws Miss {
        LogSchema strict = schemas(APP.replace("count: integer", "count: {type: integer, discriminating: true}"))
                .get(0);
        Miss miss = assertThrows(
                Miss.class,
                () -> one(strict, raw("{\"id\":\"a\",\"count\":\"many\",\"at\":\"2026-11-28T09:00:00Z\"}", ARRIVAL)));
        assertEquals("app: field count 'many' is not an integer", miss.getMessage());

        LogSchema text = schemas("  line:\n    parser: delimited\n    delimiter: ' '\n"
                        + "    fields: {host: string, port: integer, note: {type: integer, discriminating: false}}\n")
                .get(0);
        Miss textMiss = assertThrows(Miss.class, () -> one(text, raw("web-1 http 3", ARRIVAL)));
        assertEquals(
                "line: field port 'http' is not an integer",
                textMiss.getMessage(),
                "a text format's typed columns discriminate by default");
        Event kept = one(text, raw("web-1 80 three", ARRIVAL));
        assertEquals("note", kept.coercionErrors[0].field);
    }

    @Test
    void aLaterCandidateThatReadsTheEventCleanlyWinsOverAKeptMatch() {
        Classifier classifier = new Classifier(new SchemaRegistry(
                schemas("  first:\n    parser: json\n    priority: 9\n"
                        + "    fields: {id: string, n: integer}\n  second:\n    parser: json\n"
                        + "    fields: {id: string, n: string}\n"),
                Map.of()));

        assertEquals(
                "second",
                classifier.classify(raw("{\"id\":\"a\",\"n\":\"x\"}", ARRIVAL)).event().logType);
        assertEquals(
                "first",
                classifier.classify(raw("{\"id\":\"a\",\"n\":5}", ARRIVAL)).event().logType);
    }

    @Test
    void eventTimeFallsFromTheRecordToTheEnvelopeToTheArrival() throws Miss {
        LogSchema app = schemas(APP).get(0);
        long envelope = ARRIVAL - 60_000;
        String template = "{\"id\":\"a\",\"count\":1,\"at\":\"%s\"}";

        RawEvent future = raw(String.format(template, "2026-11-30T10:00:00Z"), ARRIVAL);
        future.envelopeTime = envelope;
        Event fromEnvelope = one(app, future);
        assertEquals(envelope, fromEnvelope.eventTime);
        assertEquals(
                List.of(new CoercionError(
                        "at",
                        "not used as the event time: 2026-11-30T10:00:00Z is more than"
                                + " a day after the record arrived (2026-11-28T10:00:00Z)")),
                List.of(fromEnvelope.coercionErrors));

        RawEvent ancient = raw(String.format(template, "1999-12-31T23:59:59Z"), ARRIVAL);
        ancient.envelopeTime = 253402300800000L; // the year 10000
        Event fromArrival = one(app, ancient);
        assertEquals(ARRIVAL, fromArrival.eventTime);
        assertEquals(
                "not used as the event time: 1999-12-31T23:59:59Z is before 2000",
                fromArrival.coercionErrors[0].reason);
        assertEquals("envelope.timestamp", fromArrival.coercionErrors[1].field);

        RawEvent impossible = raw(String.format(template, "2025-02-30T10:00:00Z"), ARRIVAL);
        impossible.envelopeError = "logEvents[0].timestamp 'soon' is not epoch milliseconds";
        Event unreadable = one(app, impossible);
        assertEquals(ARRIVAL, unreadable.eventTime);
        assertEquals(
                List.of(
                        new CoercionError("at", "'2025-02-30T10:00:00Z' is not a timestamp in format iso8601"),
                        new CoercionError(
                                "envelope.timestamp", "logEvents[0].timestamp 'soon' is not epoch milliseconds")),
                List.of(unreadable.coercionErrors));
    }

    @Test
    void theYearZeroIsOutOfRangeEvenInCanonicalForm() throws Miss {
        Event e = one(schemas(APP).get(0), raw("{\"id\":\"a\",\"count\":1,\"at\":\"0000-01-01T00:00:00Z\"}", ARRIVAL));

        assertEquals(ARRIVAL, e.eventTime);
        assertEquals(
                List.of(new CoercionError("at", "'0000-01-01T00:00:00Z' is outside years 1 to 9999")),
                List.of(e.coercionErrors));
    }

    @Test
    void withoutAnArrivalTimeTheClockIsTheReference() throws Miss {
        long before = System.currentTimeMillis();
        Event e = one(schemas(APP).get(0), raw("{\"id\":\"a\",\"count\":1,\"at\":\"not a time\"}", 0L));
        long after = System.currentTimeMillis();

        assertTrue(e.eventTime >= before && e.eventTime <= after, "processing time stands in: " + e.eventTime);
    }

    @Test
    void syslogTakesTheYearOfArrivalAndTheYearBeforeAtNewYear() throws Miss {
        LogSchema s = schemas("  sys:\n    parser: syslog\n"
                        + "    fields: {timestamp: {type: timestamp, optional: true}, host: string, app: string}\n"
                        + "    time: timestamp\n")
                .get(0);
        String line = "<13>Dec 31 23:59:50 web-1 sshd[1]: hello";
        long newYear = Instant.parse("2027-01-01T00:00:05Z").toEpochMilli();
        assertEquals("2026-12-31T23:59:50Z", one(s, raw(line, newYear)).text("timestamp"));
        long dayBefore = Instant.parse("2026-12-31T00:00:00Z").toEpochMilli();
        assertEquals(
                "2026-12-31T23:59:50Z",
                one(s, raw(line, dayBefore)).text("timestamp"),
                "within a day ahead: a fast clock, this year");
        long june = Instant.parse("2027-06-01T00:00:00Z").toEpochMilli();
        assertEquals("2026-12-31T23:59:50Z", one(s, raw(line, june)).text("timestamp"));

        Event impossible = one(s, raw("<13>Feb 30 25:61:61 web-1 sshd[1]: hello", ARRIVAL));
        assertTrue(impossible.json().path("timestamp").isMissingNode());
        assertEquals(ARRIVAL, impossible.eventTime);
        assertEquals(
                List.of(new CoercionError(
                        "timestamp", "'Feb 30 25:61:61' is not a timestamp in format " + "MMM d HH:mm:ss")),
                List.of(impossible.coercionErrors));
    }

    @Test
    void yearlessPatternsInferTheYearAndRejectImpossibleDays() {
        TimestampFormat format = new TimestampFormat("MMM d HH:mm:ss");
        long leapYear = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
        assertEquals(Instant.parse("2024-02-29T10:00:00Z"), format.parse("Feb 29 10:00:00", leapYear));
        assertThrows(
                IllegalArgumentException.class,
                () -> format.parse(
                        "Feb 29 10:00:00", Instant.parse("2025-03-01T00:00:00Z").toEpochMilli()));
        assertEquals("uuuu-MM-dd'T'HH 'yy'", TimestampFormat.prolepticYears("yyyy-MM-dd'T'HH 'yy'"));
    }
}
