package dev.streamwarden.job.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClassifierTest {
    private final Classifier classifier = Classifier.standard();

    private static RawEvent raw(String payload) {
        return raw(payload, 1_000L);
    }

    private static RawEvent raw(String payload, long arrivalTime) {
        return RawEvent.from(new RawRecord("stream-a", "shardId-0", "pk", "seq-1", arrivalTime, null), payload);
    }

    private Event classified(RawEvent raw) {
        ParseResult result = classifier.classify(raw);
        assertTrue(result.matched(), () -> "expected a match, got: " + result.miss());
        return result.event();
    }

    @Test
    void parsesDefaultFormatFlowLogLine() {
        Event e = classified(
                raw("2 123456789010 eni-1235b8ca123456789 172.31.16.139 172.31.16.21 20641 22 6 20 4249 1418530010 "
                        + "1418530070 ACCEPT OK"));

        assertEquals("vpc_flow", e.logType);
        assertEquals(1418530010_000L, e.eventTime);
        assertEquals("172.31.16.139", e.normalized.srcAddr);
        assertEquals("172.31.16.21", e.normalized.dstAddr);
        assertEquals(20641, e.normalized.srcPort);
        assertEquals(22, e.normalized.dstPort);
        assertEquals(6, e.normalized.protocol);
        assertEquals("ACCEPT", e.normalized.action);
        assertEquals("123456789010", e.normalized.account);
        assertEquals(4249, e.json().get("bytes").asLong());
        assertEquals("eni-1235b8ca123456789", e.text("interface_id"));
    }

    @Test
    void parsesNoDataLinesWithMissingValuesAsNulls() {
        Event e = classified(raw("2 123456789010 eni-11111111aaaaaaaaa - - - - - - - 1431280876 1431280934 - NODATA"));

        assertNull(e.normalized.srcAddr);
        assertNull(e.normalized.dstPort);
        assertTrue(e.json().get("srcaddr").isNull());
        assertEquals("NODATA", e.text("log_status"));
    }

    @Test
    void parsesFlowLogFromExtractedFieldsWithStreamAlertNames() {
        RawEvent raw = raw("not the line itself");
        raw.extractedFields = "{\"version\":\"2\",\"account\":\"123456789010\",\"eni\":\"eni-1\","
                + "\"source\":\"10.0.0.5\",\"destination\":\"10.0.0.6\",\"srcport\":\"5555\",\"destport\":\"443\","
                + "\"protocol\":\"6\",\"packets\":\"3\",\"bytes\":\"120\",\"windowstart\":\"1418530010\","
                + "\"windowend\":\"1418530070\",\"action\":\"REJECT\",\"flowlogstatus\":\"OK\"}";

        Event e = classified(raw);

        assertEquals("10.0.0.5", e.normalized.srcAddr);
        assertEquals(443, e.normalized.dstPort);
        assertEquals("REJECT", e.normalized.action);
    }

    @Test
    void rejectsFlowLinesWithABadFieldNamingTheField() {
        ParseResult miss = classifier.classify(
                raw("2 123456789010 eni-1 10.0.0.1 10.0.0.2 notaport 22 6 20 4249 1418530010 1418530070 ACCEPT OK"));

        assertFalse(miss.matched());
        assertTrue(miss.miss().startsWith("no log type matched (tried vpc_flow, "), miss.miss());
        assertTrue(miss.miss().endsWith("closest: vpc_flow: field srcport 'notaport' is not an integer"), miss.miss());
        assertFalse(classifier
                .classify(raw("3 123456789010 eni-1 10.0.0.1 10.0.0.2 1 22 6 20 4249 1418530010 1418530070 ACCEPT OK"))
                .matched());
        assertFalse(classifier
                .classify(raw("2 123456789010 eni-1 10.0.0.1 10.0.0.2 1 22 6 20 4249 1418530010 1418530070 DROP OK"))
                .matched());
    }

    @Test
    void unknownJsonNamesTheClosestCandidate() {
        ParseResult miss = classifier.classify(
                raw(
                        "{\"eventVersion\":\"1.08\",\"eventTime\":\"2026-11-28T10:00:00Z\",\"eventSource\":\"s3.amazonaws.com\"}"));

        assertFalse(miss.matched());
        assertTrue(miss.miss().endsWith("closest: cloudtrail: missing required key eventName"), miss.miss());
    }

    @Test
    void textAfterAJsonObjectMakesItMalformedNotCut() {
        ParseResult result = classifier.classify(raw("{\"eventVersion\":\"1.08\"} {\"eventName\":\"x\"}"));

        assertFalse(result.matched());
        assertEquals(DeadLetter.Cause.MALFORMED_JSON, result.cause());
        assertTrue(result.miss().startsWith("malformed JSON: Trailing token"), result.miss());
    }

    @Test
    void anImpossibleTimeKeepsTheEventWithTheFailureRecorded() {
        long arrival = Instant.parse("2025-03-01T12:00:00Z").toEpochMilli();
        for (String time : List.of("2025-02-30T10:00:00Z", "2025-02-28T25:61:61Z", "yesterday", "...")) {
            Event e = classified(raw(
                    "{\"eventVersion\":\"1.08\",\"eventTime\":\"" + time + "\",\"eventSource\":"
                            + "\"s3.amazonaws.com\",\"eventName\":\"GetObject\",\"awsRegion\":\"us-east-1\"}",
                    arrival));

            assertEquals("cloudtrail", e.logType, time);
            assertEquals(arrival, e.eventTime, "the arrival time stands in: " + time);
            assertEquals(1, e.coercionErrors.length, time);
            assertEquals("eventTime", e.coercionErrors[0].field);
            assertEquals("'" + time + "' is not a timestamp in format iso8601", e.coercionErrors[0].reason);
            assertTrue(e.record.contains(time), "the value as written stays in the record");
        }
    }
}
