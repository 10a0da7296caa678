package dev.streamwarden.job.lake;

import dev.streamwarden.api.Event;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes events as Snappy-compressed Parquet with typed columns per log type. One factory serves every log type:
 * each part file holds one log type (the bucket is per log type), so a writer picks its table from its first event.
 */
public final class LakeParquet implements BulkWriter.Factory<Event> {
    private static final long serialVersionUID = 1L;

    private final Map<String, LakeTable> tables;

    public LakeParquet(Map<String, LakeTable> tables) {
        this.tables = tables;
    }

    @Override
    public BulkWriter<Event> create(FSDataOutputStream out) {
        return new BulkWriter<>() {
            private LakeTable table;
            private BulkWriter<GenericRecord> writer;

            @Override
            public void addElement(Event event) throws IOException {
                if (writer == null) {
                    table = tables.get(event.logType);
                    if (table == null) {
                        throw new IOException("no lake table for log type " + event.logType);
                    }
                    String schema = table.schema().toString();
                    writer = new ParquetWriterFactory<GenericRecord>(
                                    file -> AvroParquetWriter.<GenericRecord>builder(file)
                                            .withSchema(new org.apache.avro.Schema.Parser().parse(schema))
                                            .withDataModel(GenericData.get())
                                            .withCompressionCodec(CompressionCodecName.SNAPPY)
                                            // The standard three-level LIST layout: what Athena/Hive read for arrays of
                                            // structs.
                                            .config(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, "false")
                                            .build())
                            .create(out);
                } else if (!table.logType.equals(event.logType)) {
                    throw new IOException("part file of " + table.logType + " got a " + event.logType + " event");
                }
                writer.addElement(table.toRecord(event));
            }

            @Override
            public void flush() throws IOException {
                if (writer != null) {
                    writer.flush();
                }
            }

            @Override
            public void finish() throws IOException {
                if (writer != null) {
                    writer.finish();
                }
            }
        };
    }
}
