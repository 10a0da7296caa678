package dev.streamwarden.job.unpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class UnpackerTest {
    private static final UnpackLimits LIMITS = new UnpackLimits(1 << 20, 4 << 20, 8 * 1024);

    /** Collects what the unpacker emits. */
    static final class Collected implements UnpackOutput {
        final List<RawEvent> events = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();
        final List<DeadLetter.Cause> causes = new ArrayList<>();
        final List<byte[]> deadData = new ArrayList<>();
        int controlMessages;

        @Override
        public void event(RawEvent event) {
            events.add(event);
        }

        @Override
        public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {
            causes.add(cause);
            reasons.add(reason);
            deadData.add(data);
        }

        @Override
        public void controlMessage() {
            controlMessages++;
        }
    }

    private static Collected unpack(byte[] data) {
        return unpack(data, LIMITS);
    }

    private static Collected unpack(byte[] data, UnpackLimits limits) {
        Collected out = new Collected();
        new Unpacker(limits).unpack(new RawRecord("stream-a", "shardId-0", "pk", "seq-1", 1000L, data), out);
        return out;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        }
        return bytes.toByteArray();
    }

    private static final String CWL = "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"123456789012\","
            + "\"logGroup\":\"vpc-flow\",\"logStream\":\"eni-1\",\"subscriptionFilters\":[\"f\"],\"logEvents\":["
            + "{\"id\":\"1\",\"timestamp\":1764324000000,\"message\":\"line one\"},"
            + "{\"id\":\"2\",\"timestamp\":1764324001000,\"message\":\"line two\","
            + "\"extractedFields\":{\"srcaddr\":\"10.0.0.1\"}}]}";

    @Test
    void unpacksGzippedCloudWatchLogsPayloadKeepingTheEnvelope() throws IOException {
        Collected out = unpack(gzip(utf8(CWL)));

        assertEquals(List.of(), out.reasons);
        assertEquals(2, out.events.size());
        RawEvent first = out.events.get(0);
        assertEquals("line one", first.payload);
        assertEquals(1764324000000L, first.envelopeTime);
        assertEquals("vpc-flow", first.envelope.logGroup);
        assertEquals("eni-1", first.envelope.logStream);
        assertEquals("123456789012", first.envelope.owner);
        assertEquals("stream-a", first.envelope.source);
        assertEquals("seq-1", first.envelope.sequenceNumber);
        assertNull(first.extractedFields);
        assertEquals("{\"srcaddr\":\"10.0.0.1\"}", out.events.get(1).extractedFields);
    }

    @Test
    void countsAndDropsControlMessages() {
        Collected out =
                unpack(utf8("{\"messageType\":\"CONTROL_MESSAGE\",\"owner\":\"CloudwatchLogs\",\"logGroup\":\"\","
                        + "\"logStream\":\"\",\"subscriptionFilters\":[],\"logEvents\":[{\"id\":\"\",\"timestamp\":1,"
                        + "\"message\":\"CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.\"}]}"));

        assertEquals(1, out.controlMessages);
        assertEquals(0, out.events.size());
        assertEquals(0, out.reasons.size());
    }

    @Test
    void splitsRecordsArrayIntoOneEventPerElementWithParsedTrees() {
        Collected out = unpack(utf8("{\"Records\":[{\"eventName\":\"A\"},{\"eventName\":\"B\"},42]}"));

        assertEquals(2, out.events.size());
        assertEquals("{\"eventName\":\"A\"}", out.events.get(0).payload);
        assertEquals("B", out.events.get(1).parsed().get("eventName").asText());
        assertEquals(List.of("Records[2] is number, not an event"), out.reasons);
    }

    @Test
    void singleJsonObjectIsOneEvent() {
        Collected out = unpack(utf8("  {\"id\":\"x\",\"detail\":{}}\n"));

        assertEquals(1, out.events.size());
        assertEquals("{\"id\":\"x\",\"detail\":{}}", out.events.get(0).payload);
        assertNotNull(out.events.get(0).parsed());
    }

    @Test
    void newlineDelimitedJsonDeadLettersOnlyTheBrokenLine() {
        Collected out = unpack(utf8("{\"a\":1}\n{\"b\":\n{\"c\":3}\r\n\n"));

        assertEquals(2, out.events.size());
        assertEquals("{\"c\":3}", out.events.get(1).payload);
        assertEquals(1, out.reasons.size());
        assertTrue(out.reasons.get(0).startsWith("malformed JSON on line 2"), out.reasons.get(0));
        assertArrayEquals(utf8("{\"b\":"), out.deadData.get(0));
    }

    @Test
    void jsonDocumentsWrittenBackToBackAreEachAnEvent() {
        Collected out = unpack(utf8("{\"a\":1}{\"b\":2} {\"Records\":[{\"c\":3}]}\n{\"d\":4}{\"e\":"));

        assertEquals(
                List.of("{\"a\":1}", "{\"b\":2}", "{\"c\":3}"),
                out.events.stream().map(e -> e.payload).collect(java.util.stream.Collectors.toList()));
        assertEquals(1, out.reasons.size(), "a line broken after its first document is one dead letter");
        assertTrue(out.reasons.get(0).startsWith("malformed JSON on line 2"), out.reasons.get(0));
        assertArrayEquals(utf8("{\"d\":4}{\"e\":"), out.deadData.get(0));
    }

    @Test
    void ndjsonLineHoldingACloudWatchPayloadIsUnpackedToo() {
        Collected out = unpack(utf8(CWL + "\n" + CWL + "\n"));

        assertEquals(4, out.events.size());
        assertEquals("vpc-flow", out.events.get(3).envelope.logGroup);
    }

    @Test
    void plainTextLinesAreOneEventEach() {
        Collected out = unpack(utf8("2 123 eni-1 10.0.0.1 10.0.0.2 1 2 6 1 40 1 2 ACCEPT OK\n\n"
                + "[2026-11-28 10:00:00] sshd[42]: Failed password\n"));

        assertEquals(2, out.events.size());
        assertEquals("[2026-11-28 10:00:00] sshd[42]: Failed password", out.events.get(1).payload);
    }

    @Test
    void deadLettersTruncatedGzipWithTheOriginalBytes() throws IOException {
        byte[] whole = gzip(utf8(CWL));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);

        Collected out = unpack(truncated);

        assertEquals(0, out.events.size());
        assertTrue(out.reasons.get(0).startsWith("corrupt gzip"), out.reasons.get(0));
        assertArrayEquals(truncated, out.deadData.get(0));
    }

    @Test
    void deadLettersGzipBombsAtTheDecompressedCap() throws IOException {
        byte[] bomb = gzip(new byte[5 << 20]);

        Collected out = unpack(bomb, new UnpackLimits(1 << 20, 1 << 20, 8 * 1024));

        assertEquals(0, out.events.size());
        assertEquals(List.of("decompressed size exceeds 1048576 bytes (gzip bomb?)"), out.reasons);
    }

    @Test
    void deadLettersOversizedRecordsAndEvents() {
        Collected record = unpack(new byte[200], new UnpackLimits(100, 1000, 50));
        assertEquals(List.of("record larger than 100 bytes"), record.reasons);

        Collected event = unpack(utf8("short line\n" + "x".repeat(60) + "\n"), new UnpackLimits(1000, 1000, 50));
        assertEquals(1, event.events.size());
        assertEquals(List.of("event larger than 50 bytes"), event.reasons);
        assertEquals(60, event.deadData.get(0).length);
    }

    @Test
    void deadLettersBinaryMalformedAndEmptyRecords() {
        assertEquals(
                List.of("not UTF-8 text (and not gzip)"), unpack(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}).reasons);
        assertTrue(unpack(utf8("{\"Records\": [{\"a\":")).reasons.get(0).startsWith("malformed JSON: "));
        assertEquals(List.of("empty record"), unpack(new byte[0]).reasons);
        assertEquals(List.of("blank record"), unpack(utf8(" \n\t")).reasons);
        assertEquals(
                List.of("unknown CloudWatch Logs messageType 'OTHER'"),
                unpack(utf8("{\"messageType\":\"OTHER\",\"logEvents\":[]}")).reasons);
    }

    private static Collected dataMessage(String logEvents) {
        return unpack(utf8("{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\",\"logGroup\":\"g\",\"logStream\":"
                + "\"s\",\"logEvents\":" + logEvents + "}"));
    }

    @Test
    void deadLettersCloudWatchPayloadsWhoseLogEventsAreNoList() {
        for (String[] shape : new String[][] {
            {"null", "null"}, {"\"x\"", "string"}, {"{\"0\":{\"message\":\"m\"}}", "object"}, {"7", "number"}
        }) {
            Collected out = dataMessage(shape[0]);
            assertEquals(List.of(), out.events, shape[0]);
            assertEquals(
                    List.of("CloudWatch Logs DATA_MESSAGE whose logEvents is " + shape[1] + ", not an array"),
                    out.reasons);
            assertEquals(List.of(DeadLetter.Cause.NOT_AN_EVENT), out.causes);
        }
        Collected absent = unpack(utf8("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":null}"));
        assertEquals(1, absent.reasons.size());
    }

    @Test
    void keepsEachLogEventThatHasAMessageWhateverItsNeighboursAre() {
        Collected out = dataMessage("[{\"id\":\"1\",\"timestamp\":5,\"message\":{\"eventVersion\":\"1.08\"}},"
                + "{\"id\":\"2\",\"timestamp\":6,\"message\":42},"
                + "\"a string\", null, {\"id\":\"3\"}, {\"id\":\"4\",\"message\":null},"
                + "{\"id\":\"5\",\"timestamp\":\"soon\",\"message\":\"m5\"},"
                + "{\"id\":\"6\",\"timestamp\":\"1764324000000\",\"message\":\"m6\"},"
                + "{\"id\":\"7\",\"timestamp\":1e300,\"message\":\"m7\"},"
                + "{\"id\":\"8\",\"timestamp\":" + "9".repeat(30) + ",\"message\":\"m8\"}]");

        assertEquals(
                List.of("{\"eventVersion\":\"1.08\"}", "42", "m5", "m6", "m7", "m8"),
                out.events.stream().map(e -> e.payload).collect(java.util.stream.Collectors.toList()));
        assertEquals(
                "1.08", out.events.get(0).parsed().path("eventVersion").asText(), "an object message is the event");
        assertEquals(5L, out.events.get(0).envelopeTime);
        assertEquals(0L, out.events.get(2).envelopeTime);
        assertEquals("logEvents[6].timestamp 'soon' is not epoch milliseconds", out.events.get(2).envelopeError);
        assertEquals(1764324000000L, out.events.get(3).envelopeTime);
        assertEquals("logEvents[8].timestamp '1.0E300' is not epoch milliseconds", out.events.get(4).envelopeError);
        assertEquals(
                "logEvents[9].timestamp '" + "9".repeat(30) + "' is not epoch milliseconds",
                out.events.get(5).envelopeError);
        assertEquals(
                List.of(
                        "logEvents[2] is string, not an object",
                        "logEvents[3] is null, not an object",
                        "logEvents[4] has no message",
                        "logEvents[5] has no message"),
                out.reasons);
    }

    @Test
    void aBatchThatHoldsNoEventsIsAccountedForAsEmpty() {
        assertEquals(List.of("Records[] holds no events"), unpack(utf8("{\"Records\":[]}")).reasons);
        assertEquals(List.of("JSON array holds no events"), unpack(utf8(" [ ] ")).reasons);
        Collected noLogEvents = dataMessage("[]");
        assertEquals(List.of("CloudWatch Logs DATA_MESSAGE without log events"), noLogEvents.reasons);
        assertEquals(List.of(DeadLetter.Cause.EMPTY), noLogEvents.causes);
    }
}
