package dev.streamwarden.job.deliver;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.Normalized;
import java.io.IOException;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.formats.parquet.avro.AvroParquetWriters;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * Writes normalized events as Snappy-compressed Parquet: envelope columns, the normalized columns (snake_case, legal
 * for Athena and Glue) and the record as JSON text.
 */
public final class EventParquet implements BulkWriter.Factory<Event> {
    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA = schema();

    private final ParquetWriterFactory<GenericRecord> records;

    public EventParquet() {
        // The schema travels as text: the factory is serialized into the job graph.
        String schemaJson = SCHEMA.toString();
        this.records = new ParquetWriterFactory<>(out -> AvroParquetWriter.<GenericRecord>builder(out)
                .withSchema(new Schema.Parser().parse(schemaJson))
                .withDataModel(GenericData.get())
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .build());
    }

    @Override
    public BulkWriter<Event> create(FSDataOutputStream out) throws IOException {
        BulkWriter<GenericRecord> writer = records.create(out);
        return new BulkWriter<>() {
            @Override
            public void addElement(Event event) throws IOException {
                writer.addElement(toRecord(event));
            }

            @Override
            public void flush() throws IOException {
                writer.flush();
            }

            @Override
            public void finish() throws IOException {
                writer.finish();
            }
        };
    }

    static GenericRecord toRecord(Event e) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("log_type", e.logType);
        r.put("source", e.source);
        r.put("origin", e.origin);
        r.put("sequence_number", e.sequenceNumber);
        r.put("arrival_time", e.arrivalTime);
        r.put("event_time", e.eventTime);
        r.put("log_group", e.logGroup);
        r.put("log_stream", e.logStream);
        r.put("owner", e.owner);
        Normalized n = e.normalized;
        r.put("src_addr", n.srcAddr);
        r.put("dst_addr", n.dstAddr);
        r.put("src_port", n.srcPort);
        r.put("dst_port", n.dstPort);
        r.put("protocol", n.protocol);
        r.put("action", n.action);
        r.put("account", n.account);
        r.put("region", n.region);
        r.put("event_name", n.eventName);
        r.put("user_name", n.userName);
        r.put("user_arn", n.userArn);
        r.put("user_type", n.userType);
        r.put("user_agent", n.userAgent);
        r.put("record", e.record);
        return r;
    }

    private static Schema schema() {
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        return SchemaBuilder.record("event").namespace("dev.streamwarden").fields()
                .requiredString("log_type")
                .requiredString("source")
                .optionalString("origin")
                .optionalString("sequence_number")
                .name("arrival_time").type(timestamp).noDefault()
                .name("event_time").type(timestamp).noDefault()
                .optionalString("log_group")
                .optionalString("log_stream")
                .optionalString("owner")
                .optionalString("src_addr")
                .optionalString("dst_addr")
                .optionalInt("src_port")
                .optionalInt("dst_port")
                .optionalInt("protocol")
                .optionalString("action")
                .optionalString("account")
                .optionalString("region")
                .optionalString("event_name")
                .optionalString("user_name")
                .optionalString("user_arn")
                .optionalString("user_type")
                .optionalString("user_agent")
                .requiredString("record")
                .endRecord();
    }
}
