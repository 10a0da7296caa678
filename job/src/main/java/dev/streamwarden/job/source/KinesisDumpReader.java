package dev.streamwarden.job.source;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.RawRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.flink.core.fs.Path;

/**
 * Streams the records out of {@code aws kinesis get-records} output: a dump object
 * {@code {"Records":[{"Data":"<base64>",...}],"NextShardIterator":...}}, several appended to one file, or a JSON
 * array of them. Only one Records element is held in memory at a time.
 */
public final class KinesisDumpReader implements ReplayFileFormat.RecordSource {
    /** Big decimals keep fractional epoch seconds exact down to the millisecond. */
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final JsonParser parser;
    private final Path file;
    private final String sourceName;
    /** Where the parser stands: inside an array of dumps, inside a dump object, inside its Records array. */
    private boolean inArray;

    private boolean inDump;
    private boolean inRecords;
    private boolean dumpHasRecords;
    /** Where the element last read starts, for error messages. */
    private long elementOffset;
    /** The first element, read ahead to tell a dump from other JSON. */
    private ObjectNode first;

    private KinesisDumpReader(JsonParser parser, Path file, String sourceName) {
        this.parser = parser;
        this.file = file;
        this.sourceName = sourceName;
    }

    /**
     * Returns a reader of the stream if it is a dump (its first Records element has Data, or it holds no
     * elements at all); otherwise closes the stream and returns null so the caller replays the file raw.
     */
    public static KinesisDumpReader openIfDump(InputStream in, Path file, String sourceName) throws IOException {
        KinesisDumpReader reader = new KinesisDumpReader(JSON.createParser(in), file, sourceName);
        try {
            reader.first = reader.nextElement();
            if (reader.first == null || reader.first.has("Data")) {
                return reader;
            }
        } catch (JsonProcessingException notADump) {
            // Not JSON, or JSON of another shape.
        }
        reader.close();
        return null;
    }

    @Override
    public RawRecord next() throws IOException {
        ObjectNode element = first;
        first = null;
        if (element == null) {
            try {
                element = nextElement();
            } catch (JsonProcessingException e) {
                throw malformed(parser.currentLocation().getByteOffset(), e.getOriginalMessage(), e);
            }
        }
        return element == null ? null : toRecord(element);
    }

    @Override
    public void close() throws IOException {
        parser.close();
    }

    /** Every record of a dump held in memory, or null when the bytes are not a dump (for the launcher's commands). */
    public static List<RawRecord> readAllIfDump(byte[] bytes, Path file, String sourceName) throws IOException {
        KinesisDumpReader dump = openIfDump(new ByteArrayInputStream(bytes), file, sourceName);
        if (dump == null) {
            return null;
        }
        List<RawRecord> records = new ArrayList<>();
        try (dump) {
            for (RawRecord r = dump.next(); r != null; r = dump.next()) {
                records.add(r);
            }
        }
        return records;
    }

    /** Advances to the next Records element and reads it whole; null at the end of the file. */
    private ObjectNode nextElement() throws IOException {
        while (true) {
            JsonToken token = parser.nextToken();
            if (inRecords) {
                if (token == JsonToken.START_OBJECT) {
                    elementOffset = parser.currentTokenLocation().getByteOffset();
                    return parser.readValueAsTree();
                }
                require(token == JsonToken.END_ARRAY, "a Records element to be an object");
                inRecords = false;
            } else if (inDump) {
                if (token == JsonToken.END_OBJECT) {
                    require(dumpHasRecords, "a Records array in every dump object");
                    inDump = false;
                } else if ("Records".equals(parser.currentName())) {
                    require(parser.nextToken() == JsonToken.START_ARRAY, "Records to be an array");
                    inRecords = true;
                    dumpHasRecords = true;
                } else {
                    parser.nextToken();
                    parser.skipChildren(); // NextShardIterator, MillisBehindLatest, ChildShards
                }
            } else if (token == JsonToken.START_OBJECT) {
                inDump = true;
                dumpHasRecords = false;
            } else if (token == JsonToken.START_ARRAY && !inArray) {
                inArray = true;
            } else if (token == JsonToken.END_ARRAY && inArray) {
                inArray = false;
            } else {
                require(token == null, "a get-records dump object");
                return null;
            }
        }
    }

    private void require(boolean condition, String expectation) throws JsonParseException {
        if (!condition) {
            throw new JsonParseException(parser, "expected " + expectation);
        }
    }

    private RawRecord toRecord(ObjectNode element) throws IOException {
        JsonNode data = element.path("Data");
        if (!data.isTextual()) {
            throw malformed(elementOffset, "record has no Data string", null);
        }
        try {
            return new RawRecord(
                    sourceName,
                    file.getName(),
                    element.path("PartitionKey").textValue(),
                    element.path("SequenceNumber").textValue(),
                    epochMillis(element.path("ApproximateArrivalTimestamp")),
                    Base64.getDecoder().decode(data.textValue()));
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw malformed(elementOffset, "bad record: " + e.getMessage(), e);
        }
    }

    /** The CLI prints epoch seconds, maybe fractional (cli_timestamp_format none) or ISO-8601; absent is 0. */
    private static long epochMillis(JsonNode timestamp) {
        if (timestamp.isNumber()) {
            return timestamp
                    .decimalValue()
                    .movePointRight(3)
                    .setScale(0, RoundingMode.FLOOR)
                    .longValueExact();
        }
        if (timestamp.isMissingNode()) {
            return 0;
        }
        return OffsetDateTime.parse(timestamp.asText()).toInstant().toEpochMilli();
    }

    private IOException malformed(long byteOffset, String problem, Throwable cause) {
        return new IOException(
                "Replay file " + file + " is a malformed get-records dump at byte offset " + byteOffset + ": "
                        + problem,
                cause);
    }
}
