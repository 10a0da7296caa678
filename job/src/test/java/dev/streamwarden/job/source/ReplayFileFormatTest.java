package dev.streamwarden.job.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.model.RawRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.util.ExceptionUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class ReplayFileFormatTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static final String SOURCE = "replay-test";
    private static final long MAX_RECORD_BYTES = 1 << 20;
    private static final long MTIME = 1_717_000_000_000L;

    @TempDir
    Path dir;

    @Test
    void getRecordsDumpYieldsOneRecordPerElement() throws Exception {
        byte[] gzipped = gzip("{\"messageType\":\"DATA_MESSAGE\"}");
        Path file = write(
                "dump.json",
                "{\n  \"Records\": [\n"
                        + record(bytes("alpha"), "pk-1", "4959001", "1718000000.123") + ",\n"
                        + record(gzipped, "pk-2", "4959002", "\"2024-06-10T06:13:21.456000+00:00\"") + ",\n"
                        + record(bytes("charlie"), "pk-3", "4959003", "1718000002") + "\n"
                        + "  ],\n  \"NextShardIterator\": \"AAAA\",\n  \"MillisBehindLatest\": 0\n}\n");

        assertEquals(
                List.of(
                        new RawRecord(SOURCE, "dump.json", "pk-1", "4959001", 1_718_000_000_123L, bytes("alpha")),
                        new RawRecord(SOURCE, "dump.json", "pk-2", "4959002", 1_718_000_001_456L, gzipped),
                        new RawRecord(SOURCE, "dump.json", "pk-3", "4959003", 1_718_000_002_000L, bytes("charlie"))),
                replay(MAX_RECORD_BYTES, file));
    }

    @Test
    void appendedDumpsYieldAllRecords() throws Exception {
        // A polling loop appends get-records output: empty dumps, key orders as `jq -S` leaves them.
        Path file = write(
                "appended.json",
                "{\"Records\":[],\"NextShardIterator\":\"A\",\"MillisBehindLatest\":5000}\n"
                        + "{\"Records\":[" + record(bytes("one"), "k", "1", "1718000000") + ","
                        + record(bytes("two"), "k", "2", "1718000001") + "],\"NextShardIterator\":\"B\"}"
                        + "{\"MillisBehindLatest\":0,\"NextShardIterator\":\"C\",\"Records\":["
                        + record(bytes("three"), "k", "3", "1718000002") + "]}\n");

        List<RawRecord> records = replay(MAX_RECORD_BYTES, file);

        assertEquals(List.of("1", "2", "3"), sequenceNumbers(records));
        assertArrayEquals(bytes("three"), records.get(2).data);
        assertEquals(1_718_000_002_000L, records.get(2).envelope.arrivalTime);
    }

    @Test
    void jsonArrayOfDumpsYieldsAllRecords() throws Exception {
        Path file = write(
                "array.json",
                "[{\"Records\":[" + record(bytes("one"), "k", "1", "1718000000") + "]}," + "{\"Records\":["
                        + record(bytes("two"), "k", "2", "1718000001") + "]}]");

        assertEquals(List.of("1", "2"), sequenceNumbers(replay(MAX_RECORD_BYTES, file)));
    }

    @Test
    void gzipFileIsOneRecordLeftCompressed() throws Exception {
        // Named *.gz on purpose: Flink's stream formats would gunzip it, the unpack stage expects it compressed.
        byte[] payload = gzip("{\"messageType\":\"DATA_MESSAGE\",\"logEvents\":[]}");
        Path file = dir.resolve("cwl-payload.gz");
        Files.write(file, payload);
        Files.setLastModifiedTime(file, FileTime.fromMillis(MTIME));

        assertEquals(
                List.of(new RawRecord(SOURCE, "cwl-payload.gz", null, null, MTIME, payload)),
                replay(MAX_RECORD_BYTES, file));
    }

    @Test
    void cloudTrailFileIsOneRawRecordNotADump() throws Exception {
        Path file = write(
                "cloudtrail.json",
                "{\"Records\":[{\"eventVersion\":\"1.08\",\"eventSource\":"
                        + "\"ec2.amazonaws.com\",\"eventName\":\"AuthorizeSecurityGroupIngress\",\"requestParameters\":"
                        + "{\"Data\":\"not a kinesis field\"}},{\"eventVersion\":\"1.08\",\"eventName\":\"ConsoleLogin\"}]}");

        assertEquals(
                List.of(new RawRecord(SOURCE, "cloudtrail.json", null, null, MTIME, Files.readAllBytes(file))),
                replay(MAX_RECORD_BYTES, file));
    }

    @Test
    void ndjsonFileIsOneRawRecord() throws Exception {
        Path file = write(
                "events.ndjson",
                "{\"version\":\"0\",\"detail-type\":\"GuardDuty Finding\"}\n"
                        + "{\"version\":\"0\",\"detail-type\":\"Security Hub Findings\"}\n");

        assertEquals(
                List.of(new RawRecord(SOURCE, "events.ndjson", null, null, MTIME, Files.readAllBytes(file))),
                replay(MAX_RECORD_BYTES, file));
    }

    @Test
    void oversizedRawFileCarriesOneByteMoreThanTheLimit() throws Exception {
        Path file = write(
                "flow.log", "2 123456789012 eni-0a1b2c3d 10.0.0.1 10.0.0.2 443 49152 6 10 840 ACCEPT OK\n".repeat(100));

        List<RawRecord> records = replay(1000, file);

        assertEquals(1, records.size());
        assertArrayEquals(Arrays.copyOf(Files.readAllBytes(file), 1001), records.get(0).data);
    }

    @Test
    void malformedDumpFailsTheJobNamingFileAndOffset() throws IOException {
        String good = "{\"Records\":[" + record(bytes("ok"), "k", "1", "1718000000") + ",";
        String content = good + "{\"Data\": \"b2s=\" \"PartitionKey\": \"k\"}]}"; // no comma after Data
        Path file = write("broken-dump.json", content);

        Exception failure = assertThrows(Exception.class, () -> replay(MAX_RECORD_BYTES, file));

        Optional<Throwable> cause = ExceptionUtils.findThrowableWithMessage(failure, "broken-dump.json");
        assertTrue(cause.isPresent(), () -> "no cause names the file: " + ExceptionUtils.stringifyException(failure));
        String message = cause.get().getMessage();
        assertTrue(
                message.matches(
                        "Replay file \\S*" + Pattern.quote(file.toString())
                                + " is a malformed get-records dump at byte offset \\d+: Unexpected character .*was expecting comma.*"),
                message);
        // Jackson reports the offset just past the offending quote.
        long offset = Long.parseLong(message.replaceAll(".* at byte offset (\\d+):.*", "$1"));
        long badQuote = content.lastIndexOf("\"PartitionKey\"");
        assertTrue(offset > good.length() && offset <= badQuote + 1, message);
    }

    @Test
    void restoredReaderSkipsRecordsAlreadyEmitted() throws Exception {
        Path file = write(
                "restore.json",
                "{\"Records\":[" + record(bytes("one"), "k", "1", "1718000000") + ","
                        + record(bytes("two"), "k", "2", "1718000001") + ","
                        + record(bytes("three"), "k", "3", "1718000002") + "]}");
        long size = Files.size(file);
        FileSourceSplit split = new FileSourceSplit(
                "0",
                new org.apache.flink.core.fs.Path(file.toUri()),
                0,
                size,
                MTIME,
                size,
                new String[0],
                new CheckpointedPosition(CheckpointedPosition.NO_OFFSET, 2));

        try (BulkFormat.Reader<RawRecord> reader =
                new ReplayFileFormat(SOURCE, MAX_RECORD_BYTES).restoreReader(new Configuration(), split)) {
            BulkFormat.RecordIterator<RawRecord> batch = reader.readBatch();
            RecordAndPosition<RawRecord> only = batch.next();
            assertEquals("3", only.getRecord().envelope.sequenceNumber);
            assertEquals(3, only.getRecordSkipCount());
            assertNull(batch.next());
            assertNull(reader.readBatch());
        }
    }

    private static List<RawRecord> replay(long maxRecordBytes, Path file) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.getConfig().disableGenericTypes();
        FileSource<RawRecord> source = FileSource.forBulkFileFormat(
                        new ReplayFileFormat(SOURCE, maxRecordBytes), new org.apache.flink.core.fs.Path(file.toUri()))
                .build();
        List<RawRecord> records = new ArrayList<>();
        try (CloseableIterator<RawRecord> it = env.fromSource(source, WatermarkStrategy.noWatermarks(), "replay")
                .executeAndCollect()) {
            it.forEachRemaining(records::add);
        }
        return records;
    }

    /** One element as get-records prints it; the timestamp is raw JSON (a number or a quoted ISO string). */
    private static String record(byte[] data, String partitionKey, String sequenceNumber, String timestamp) {
        return "{\"SequenceNumber\":\"" + sequenceNumber + "\",\"ApproximateArrivalTimestamp\":" + timestamp
                + ",\"Data\":\"" + Base64.getEncoder().encodeToString(data) + "\",\"PartitionKey\":\""
                + partitionKey + "\",\"EncryptionType\":\"NONE\"}";
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes(content));
        Files.setLastModifiedTime(file, FileTime.fromMillis(MTIME));
        return file;
    }

    private static List<String> sequenceNumbers(List<RawRecord> records) {
        List<String> numbers = new ArrayList<>();
        records.forEach(r -> numbers.add(r.envelope.sequenceNumber));
        return numbers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes(text));
        }
        return out.toByteArray();
    }
}
