package dev.streamwarden.job.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.fs.local.LocalFileSystem;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lake's own Parquet write support makes the files parquet-avro made: for every fixture's log type, the events
 * written by {@link LakeParquet} and the same rows written by {@code AvroParquetWriter} have the same file schema and
 * read back as the same rows (nulls, nested structs, lists of coercion errors, timestamps, every column type).
 */
class LakeWriteSupportTest {
    private static final Classifier CLASSIFIER = Classifier.standard();

    @TempDir
    Path tmp;

    @Test
    void filesMatchWhatParquetAvroWrites() throws Exception {
        Map<String, List<Event>> byLogType = fixtureEvents();
        assertTrue(byLogType.size() >= 15, "log types: " + byLogType.keySet());
        // One event with what could not be typed, so the list of coercion errors is written non-empty.
        Event withErrors = byLogType.get("cloudtrail").get(0);
        withErrors.coercionErrors = new CoercionError[] {
            new CoercionError("eventTime", "outside years 1 to 9999"), new CoercionError("x", null)
        };
        Map<String, LakeTable> tables = LakeTables.of(CLASSIFIER.registry());
        for (Map.Entry<String, List<Event>> type : byLogType.entrySet()) {
            LakeTable table = tables.get(type.getKey());
            Path ours = tmp.resolve(type.getKey() + "-ours.parquet");
            Path reference = tmp.resolve(type.getKey() + "-avro.parquet");
            writeOurs(new LakeParquet(tables), ours, type.getValue());
            writeWithParquetAvro(table, reference, type.getValue());

            assertEquals(schemaOf(reference), schemaOf(ours), type.getKey() + ": file schema");
            List<GenericRecord> expected = read(reference);
            assertEquals(type.getValue().size(), expected.size());
            assertEquals(expected, read(ours), type.getKey() + ": rows");
        }
    }

    /**
     * Chained behind classification the lake takes the values classification typed; after a network hop (the
     * event serialized, the cache gone) it types them again: the rows must be the same either way.
     */
    @Test
    void rowsFromClassifiedValuesEqualRowsTypedAgain() throws Exception {
        Map<String, LakeTable> tables = LakeTables.of(CLASSIFIER.registry());
        TypeSerializer<Event> serializer = TypeInformation.of(Event.class).createSerializer(new SerializerConfigImpl());
        int cached = 0;
        int events = 0;
        for (Map.Entry<String, List<Event>> type : fixtureEvents().entrySet()) {
            LakeTable table = tables.get(type.getKey());
            String schema = CLASSIFIER.registry().byLogType().get(type.getKey()).name;
            for (Event e : type.getValue()) {
                events++;
                cached += e.lakeColumns(schema) != null ? 1 : 0;
                Event copied = serializer.copy(e);
                assertNull(copied.lakeColumns(schema));
                assertEquals(table.toRecord(copied), table.toRecord(e), e.toString());
            }
        }
        // Events of a log type's other shapes (CloudTrail's digest, say) are typed again by the lake's schema.
        assertTrue(cached > events / 2, cached + " of " + events + " events brought their column values");
    }

    @Test
    void aNullWhereTheSchemaRequiresAValueIsRefusedNotWritten() throws Exception {
        Map<String, LakeTable> tables = LakeTables.of(CLASSIFIER.registry());
        LakeTable table = tables.get("cloudtrail");
        GenericRecord row = table.toRecord(fixtureEvents().get("cloudtrail").get(0));
        row.put(LakeTable.RECORD, null);
        try (ParquetWriter<GenericRecord> writer = new LakeWriteSupport.Builder(
                        HadoopOutputFile.fromPath(
                                new org.apache.hadoop.fs.Path(
                                        tmp.resolve("refused.parquet").toUri()),
                                new Configuration()),
                        table.schema())
                .build()) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> writer.write(row));
            assertEquals("lake column record is required but null", refused.getMessage());
        }
    }

    private static void writeOurs(LakeParquet factory, Path file, List<Event> events) throws IOException {
        FileSystem fs = LocalFileSystem.getSharedInstance();
        try (FSDataOutputStream out =
                fs.create(new org.apache.flink.core.fs.Path(file.toUri()), FileSystem.WriteMode.NO_OVERWRITE)) {
            BulkWriter<Event> writer = factory.create(out);
            for (Event e : events) {
                writer.addElement(e);
            }
            writer.finish();
        }
    }

    private static void writeWithParquetAvro(LakeTable table, Path file, List<Event> events) throws IOException {
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(
                        HadoopOutputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
                .withSchema(table.schema())
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .config(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false")
                .build()) {
            for (Event e : events) {
                writer.write(table.toRecord(e));
            }
        }
    }

    private static MessageType schemaOf(Path file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(
                HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    private static List<GenericRecord> read(Path file) throws IOException {
        List<GenericRecord> rows = new ArrayList<>();
        try (var reader = AvroParquetReader.<GenericRecord>builder(
                        HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
                .build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        }
        return rows;
    }

    /** Every fixture's events, by log type. */
    private static Map<String, List<Event>> fixtureEvents() throws IOException {
        Map<String, List<Event>> byLogType = new TreeMap<>();
        Unpacker unpacker = new Unpacker(new UnpackLimits(10 << 20, 64 << 20, 1 << 20));
        for (String dir : ClasspathFiles.list("fixtures", "")) {
            for (String file : ClasspathFiles.list(dir, "")) {
                if (file.endsWith(".expect.json")) {
                    continue;
                }
                byte[] data = ClasspathFiles.read(file);
                unpacker.unpack(
                        new RawRecord("fixtures", file, null, "1", 1_795_860_000_000L, data), new UnpackOutput() {
                            @Override
                            public void event(RawEvent raw) {
                                ParseResult result = CLASSIFIER.classify(raw);
                                for (Event e : result.events()) {
                                    byLogType
                                            .computeIfAbsent(e.logType, t -> new ArrayList<>())
                                            .add(e);
                                }
                            }

                            @Override
                            public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {}

                            @Override
                            public void controlMessage() {}
                        });
            }
        }
        return byLogType;
    }
}
