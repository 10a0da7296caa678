package dev.streamwarden.job.lake;

import dev.streamwarden.api.Event;
import java.io.IOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
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
                    Schema schema = table.schema();
                    writer = new ParquetWriterFactory<GenericRecord>(file -> new LakeWriteSupport.Builder(file, schema)
                                    .withCompressionCodec(CompressionCodecName.SNAPPY)
                                    // Every event's record differs: a dictionary would only be built to be dropped.
                                    .withDictionaryEncoding(LakeTable.RECORD, false)
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
