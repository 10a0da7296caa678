package dev.streamwarden.job.unpack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.api.Envelope;
import dev.streamwarden.job.deadletter.Isolation;
import dev.streamwarden.job.model.DeadLetter.Cause;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.Reasons;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Splits one Kinesis record into events. Understands gzip (by magic bytes), CloudWatch Logs subscription
 * payloads, {@code Records[]} batches (CloudTrail), single JSON objects, JSON arrays, newline-delimited JSON
 * and plain log lines. Every failure becomes a dead letter with a reason; nothing throws.
 */
public final class Unpacker {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final UnpackLimits limits;

    public Unpacker(UnpackLimits limits) {
        this.limits = limits;
    }

    public void unpack(RawRecord record, UnpackOutput out) {
        byte[] data = record.data;
        if (data == null || data.length == 0) {
            out.deadLetter(Cause.EMPTY, "empty record", data == null ? new byte[0] : data);
            return;
        }
        if (data.length > limits.maxRecordBytes) {
            out.deadLetter(Cause.TOO_LARGE, "record larger than " + limits.maxRecordBytes + " bytes", data);
            return;
        }
        String text;
        try {
            text = decodeUtf8(isGzip(data) ? gunzip(data) : data);
        } catch (UnpackException e) {
            out.deadLetter(e.cause, e.getMessage(), data);
            return;
        }
        int start = firstNonWhitespace(text);
        if (start < 0) {
            out.deadLetter(Cause.EMPTY, "blank record", data);
            return;
        }
        char first = text.charAt(start);
        if (first == '{' || first == '[') {
            unpackJson(record, text, data, out);
        } else {
            unpackLines(record, text, out);
        }
    }

    private void unpackJson(RawRecord record, String text, byte[] data, UnpackOutput out) {
        JsonNode document;
        boolean more;
        try (JsonParser parser = MAPPER.createParser(text)) {
            document = MAPPER.readTree(parser);
            more = parser.nextToken() != null;
        } catch (JsonProcessingException e) {
            if (text.charAt(firstNonWhitespace(text)) == '[') {
                // "[2026-11-28 10:00:00] sshd ..." is a log line, not a broken JSON array.
                unpackLines(record, text, out);
            } else {
                out.deadLetter(Cause.MALFORMED_JSON, "malformed JSON: " + describe(e), data);
            }
            return;
        } catch (IOException e) {
            out.deadLetter(Cause.MALFORMED_JSON, "unreadable JSON: " + e.getMessage(), data);
            return;
        }
        if (more) {
            // A second document after the first: newline-delimited JSON, one event (or batch) per line.
            unpackLines(record, text, out);
        } else {
            unpackDocument(record, document, text, out);
        }
    }

    private void unpackLines(RawRecord record, String text, UnpackOutput out) {
        int lineNumber = 0;
        int from = 0;
        // The record's first text line rides along with every line: it may be a header naming the columns.
        String firstLine = null;
        while (from <= text.length()) {
            int newline = text.indexOf('\n', from);
            int to = newline < 0 ? text.length() : newline;
            lineNumber++;
            String line = text.substring(from, to > from && text.charAt(to - 1) == '\r' ? to - 1 : to);
            from = to + 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                if (line.charAt(firstNonWhitespace(line)) == '{') {
                    unpackJsonLine(record, line, out);
                } else {
                    firstLine = firstLine == null ? line : firstLine;
                    RawEvent event = RawEvent.from(record, line);
                    event.firstLine = firstLine;
                    emit(event, out);
                }
            } catch (JsonProcessingException e) {
                out.deadLetter(
                        Cause.MALFORMED_JSON, "malformed JSON on line " + lineNumber + ": " + describe(e), utf8(line));
            } catch (IOException e) {
                out.deadLetter(
                        Cause.MALFORMED_JSON,
                        "unreadable JSON on line " + lineNumber + ": " + e.getMessage(),
                        utf8(line));
            } catch (RuntimeException | StackOverflowError e) {
                // This line alone: the record's other lines are still read.
                out.deadLetter(Cause.EXCEPTION, failure(e), utf8(line));
            }
            if (newline < 0) {
                break;
            }
        }
    }

    /**
     * A JSON line, which may hold several documents written back to back ({@code {...}{...}}, as concatenating
     * writers do): each is unpacked, none dropped unseen. All are read before any is unpacked, so a line that turns
     * out malformed is one dead letter, not some events and a dead letter repeating them.
     */
    private void unpackJsonLine(RawRecord record, String line, UnpackOutput out) throws IOException {
        List<JsonNode> documents = null;
        List<String> texts = null;
        try (JsonParser parser = MAPPER.createParser(line)) {
            parser.nextToken();
            int start = (int) parser.getTokenLocation().getCharOffset();
            JsonNode first = MAPPER.readTree(parser);
            int end = (int) parser.getCurrentLocation().getCharOffset();
            if (parser.nextToken() == null) {
                unpackDocument(record, first, line, out); // the usual line: one document, nothing copied
                return;
            }
            documents = new ArrayList<>(List.of(first));
            texts = new ArrayList<>(List.of(line.substring(start, end)));
            do {
                start = (int) parser.getTokenLocation().getCharOffset();
                documents.add(MAPPER.readTree(parser));
                texts.add(
                        line.substring(start, (int) parser.getCurrentLocation().getCharOffset()));
            } while (parser.nextToken() != null);
        }
        for (int i = 0; i < documents.size(); i++) {
            unpackDocument(record, documents.get(i), texts.get(i), out);
        }
    }

    /** One parsed JSON document: a CloudWatch Logs payload, a Records[] batch, an array, or one event. */
    private void unpackDocument(RawRecord record, JsonNode document, String text, UnpackOutput out) {
        if (document.isObject() && document.has("messageType") && document.has("logEvents")) {
            unpackCloudWatchLogs(record, document, out);
        } else if (document.isObject() && document.path("Records").isArray()) {
            unpackElements(record, document.get("Records"), "Records", out);
        } else if (document.isArray()) {
            unpackElements(record, document, "", out);
        } else if (document.isObject()) {
            emit(RawEvent.from(record, text.strip()).withParsed(document), out);
        } else {
            out.deadLetter(Cause.NOT_AN_EVENT, "JSON document is neither an object nor an array", utf8(text));
        }
    }

    private void unpackElements(RawRecord record, JsonNode elements, String path, UnpackOutput out) {
        if (elements.isEmpty()) {
            // Nothing is lost, but a record that yields nothing at all is accounted for all the same.
            out.deadLetter(
                    Cause.EMPTY,
                    (path.isEmpty() ? "JSON array" : path + "[]") + " holds no events",
                    utf8(elements.toString()));
            return;
        }
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            try {
                if (element.isObject()) {
                    emit(RawEvent.from(record, element.toString()).withParsed(element), out);
                } else if (element.isTextual()) {
                    emit(RawEvent.from(record, element.asText()), out);
                } else {
                    out.deadLetter(
                            Cause.NOT_AN_EVENT,
                            path + "[" + i + "] is " + Reasons.kind(element) + ", not an event",
                            utf8(element.toString()));
                }
            } catch (RuntimeException | StackOverflowError e) {
                out.deadLetter(Cause.EXCEPTION, failure(e), utf8(String.valueOf(element)));
            }
        }
    }

    private void unpackCloudWatchLogs(RawRecord record, JsonNode payload, UnpackOutput out) {
        String messageType = payload.path("messageType").asText();
        if ("CONTROL_MESSAGE".equals(messageType)) {
            out.controlMessage();
            return;
        }
        if (!"DATA_MESSAGE".equals(messageType)) {
            out.deadLetter(
                    Cause.NOT_AN_EVENT,
                    "unknown CloudWatch Logs messageType '" + Reasons.quoted(messageType) + "'",
                    utf8(payload.toString()));
            return;
        }
        JsonNode logEvents = payload.get("logEvents");
        if (logEvents == null || !logEvents.isArray()) {
            out.deadLetter(
                    Cause.NOT_AN_EVENT,
                    "CloudWatch Logs DATA_MESSAGE whose logEvents is "
                            + (logEvents == null ? "absent" : Reasons.kind(logEvents)) + ", not an array",
                    utf8(payload.toString()));
            return;
        }
        if (logEvents.isEmpty()) {
            out.deadLetter(Cause.EMPTY, "CloudWatch Logs DATA_MESSAGE without log events", utf8(payload.toString()));
            return;
        }
        // One envelope for all of the payload's events.
        Envelope envelope = record.envelope.withLogs(
                text(payload.get("logGroup")), text(payload.get("logStream")), text(payload.get("owner")));
        for (int i = 0; i < logEvents.size(); i++) {
            JsonNode logEvent = logEvents.get(i);
            try {
                unpackLogEvent(record, envelope, logEvent, i, out);
            } catch (RuntimeException | StackOverflowError e) {
                // This log event alone: its neighbours in the payload are still read.
                out.deadLetter(Cause.EXCEPTION, failure(e), utf8(String.valueOf(logEvent)));
            }
        }
    }

    private void unpackLogEvent(RawRecord record, Envelope envelope, JsonNode logEvent, int i, UnpackOutput out) {
        JsonNode message = logEvent.isObject() ? logEvent.get("message") : null;
        if (message == null || message.isNull()) {
            out.deadLetter(
                    Cause.NOT_AN_EVENT,
                    "logEvents[" + i + "] "
                            + (logEvent.isObject()
                                    ? "has no message"
                                    : "is " + Reasons.kind(logEvent) + ", not an object"),
                    utf8(logEvent.toString()));
            return;
        }
        // CloudWatch Logs writes messages as strings; one that arrives as JSON (a transforming hop?) is still the
        // event, as its JSON text.
        RawEvent event = RawEvent.from(record, message.isTextual() ? message.asText() : message.toString());
        if (message.isObject()) {
            event.withParsed(message);
        }
        JsonNode timestamp = logEvent.get("timestamp");
        if (timestamp != null && !timestamp.isNull()) {
            Long millis = epochMillis(timestamp);
            if (millis == null) {
                event.envelopeError = "logEvents[" + i + "].timestamp "
                        + (timestamp.isValueNode()
                                ? "'" + Reasons.quoted(timestamp.asText()) + "'"
                                : Reasons.kind(timestamp))
                        + " is not epoch milliseconds";
            } else {
                event.envelopeTime = millis;
            }
        }
        event.envelope = envelope;
        JsonNode extracted = logEvent.path("extractedFields");
        if (extracted.isObject()) {
            event.extractedFields = extracted.toString();
        }
        emit(event, out);
    }

    /** A number of milliseconds (or its digits as text), or null. */
    private static Long epochMillis(JsonNode node) {
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? node.asLong() : null;
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** The reason for a part of a record that failed; Flink's own exceptions are not the data's and propagate. */
    private static String failure(Throwable e) {
        return Reasons.of(Isolation.rethrownIfInfrastructure(e));
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.isValueNode() ? node.asText() : node.toString();
    }

    private void emit(RawEvent event, UnpackOutput out) {
        // Cheap check first: a string's UTF-8 length is at most three bytes per char.
        if (event.payload.length() > limits.maxEventBytes / 3) {
            byte[] bytes = utf8(event.payload);
            if (bytes.length > limits.maxEventBytes) {
                out.deadLetter(Cause.TOO_LARGE, "event larger than " + limits.maxEventBytes + " bytes", bytes);
                return;
            }
        }
        out.event(event);
    }

    public static boolean isGzip(byte[] data) {
        return data.length >= 2 && (data[0] & 0xff) == 0x1f && (data[1] & 0xff) == 0x8b;
    }

    /** Decompresses with a cap, so a small gzip bomb cannot take the worker's heap. */
    private byte[] gunzip(byte[] data) throws UnpackException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(data.length * 8, 1 << 20));
        byte[] buffer = new byte[64 * 1024];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data), buffer.length)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (out.size() + (long) n > limits.maxDecompressedBytes) {
                    throw new UnpackException(
                            Cause.GZIP_BOMB,
                            "decompressed size exceeds " + limits.maxDecompressedBytes + " bytes (gzip bomb?)");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UnpackException(Cause.CORRUPT_GZIP, "corrupt gzip: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static String decodeUtf8(byte[] bytes) throws UnpackException {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnpackException(Cause.NOT_UTF8, "not UTF-8 text (and not gzip)");
        }
    }

    private static int firstNonWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String describe(JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + " column "
                        + e.getLocation().getColumnNr();
        return e.getOriginalMessage() + where;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
