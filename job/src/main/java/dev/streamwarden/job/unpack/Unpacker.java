package dev.streamwarden.job.unpack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
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
            out.deadLetter("empty record", data == null ? new byte[0] : data);
            return;
        }
        if (data.length > limits.maxRecordBytes) {
            out.deadLetter("record larger than " + limits.maxRecordBytes + " bytes", data);
            return;
        }
        String text;
        try {
            text = decodeUtf8(isGzip(data) ? gunzip(data) : data);
        } catch (UnpackException e) {
            out.deadLetter(e.getMessage(), data);
            return;
        }
        int start = firstNonWhitespace(text);
        if (start < 0) {
            out.deadLetter("blank record", data);
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
                out.deadLetter("malformed JSON: " + describe(e), data);
            }
            return;
        } catch (IOException e) {
            out.deadLetter("unreadable JSON: " + e.getMessage(), data);
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
            if (line.charAt(firstNonWhitespace(line)) == '{') {
                try {
                    unpackDocument(record, MAPPER.readTree(line), line, out);
                } catch (JsonProcessingException e) {
                    out.deadLetter("malformed JSON on line " + lineNumber + ": " + describe(e), utf8(line));
                }
            } else {
                firstLine = firstLine == null ? line : firstLine;
                RawEvent event = RawEvent.from(record, line);
                event.firstLine = firstLine;
                emit(event, out);
            }
            if (newline < 0) {
                break;
            }
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
            out.deadLetter("JSON document is neither an object nor an array", utf8(text));
        }
    }

    private void unpackElements(RawRecord record, JsonNode elements, String path, UnpackOutput out) {
        for (int i = 0; i < elements.size(); i++) {
            JsonNode element = elements.get(i);
            if (element.isObject()) {
                emit(RawEvent.from(record, element.toString()).withParsed(element), out);
            } else if (element.isTextual()) {
                emit(RawEvent.from(record, element.asText()), out);
            } else {
                out.deadLetter(path + "[" + i + "] is " + element.getNodeType() + ", not an event",
                        utf8(element.toString()));
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
            out.deadLetter("unknown CloudWatch Logs messageType '" + messageType + "'", utf8(payload.toString()));
            return;
        }
        String logGroup = payload.path("logGroup").asText(null);
        String logStream = payload.path("logStream").asText(null);
        String owner = payload.path("owner").asText(null);
        JsonNode logEvents = payload.path("logEvents");
        for (int i = 0; i < logEvents.size(); i++) {
            JsonNode logEvent = logEvents.get(i);
            JsonNode message = logEvent.path("message");
            if (!message.isTextual()) {
                out.deadLetter("logEvents[" + i + "] has no message", utf8(logEvent.toString()));
                continue;
            }
            RawEvent event = RawEvent.from(record, message.asText());
            event.envelopeTime = logEvent.path("timestamp").asLong(0L);
            event.logGroup = logGroup;
            event.logStream = logStream;
            event.owner = owner;
            JsonNode extracted = logEvent.path("extractedFields");
            if (extracted.isObject()) {
                event.extractedFields = extracted.toString();
            }
            emit(event, out);
        }
    }

    private void emit(RawEvent event, UnpackOutput out) {
        // Cheap check first: a string's UTF-8 length is at most three bytes per char.
        if (event.payload.length() > limits.maxEventBytes / 3) {
            byte[] bytes = utf8(event.payload);
            if (bytes.length > limits.maxEventBytes) {
                out.deadLetter("event larger than " + limits.maxEventBytes + " bytes", bytes);
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
                            "decompressed size exceeds " + limits.maxDecompressedBytes + " bytes (gzip bomb?)");
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new UnpackException("corrupt gzip: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static String decodeUtf8(byte[] bytes) throws UnpackException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnpackException("not UTF-8 text (and not gzip)");
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
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr();
        return e.getOriginalMessage() + where;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
