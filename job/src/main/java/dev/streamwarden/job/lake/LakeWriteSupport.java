package dev.streamwarden.job.lake;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes a lake table's rows to Parquet's record consumer along a plan made once from the table's schema, instead
 * of parquet-avro's {@code AvroWriteSupport}, which looks up each value's schema, logical type and conversion per
 * field and event and encodes strings through a {@code CharsetEncoder}. The files hold what parquet-avro's held: the
 * schema it derives from the table (three-level lists), the same rows, and the Avro schema in the footer, so Avro
 * readers read them as before. A null where the schema requires a value is refused, as parquet-avro refuses it.
 */
final class LakeWriteSupport extends WriteSupport<GenericRecord> {
    private static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";
    /** The names parquet-avro gives the two inner levels of a three-level list. */
    private static final String LIST = "list";

    private static final String ELEMENT = "element";

    private final Schema schema;
    private final FieldWriter[] fields;
    private RecordConsumer out;

    LakeWriteSupport(Schema schema) {
        this.schema = schema;
        this.fields = plan(schema);
    }

    /** The file schema parquet-avro would write for {@code schema}. */
    static MessageType parquetSchema(Schema schema) {
        Configuration conf = new Configuration(false);
        conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
        return new AvroSchemaConverter(conf).convert(schema);
    }

    @Override
    public WriteContext init(Configuration configuration) {
        Map<String, String> footer = new HashMap<>();
        footer.put(AVRO_SCHEMA_KEY, schema.toString());
        return new WriteContext(parquetSchema(schema), footer);
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
        this.out = recordConsumer;
    }

    @Override
    public void write(GenericRecord row) {
        out.startMessage();
        writeFields(fields, row);
        out.endMessage();
    }

    private void writeFields(FieldWriter[] writers, GenericRecord row) {
        for (FieldWriter field : writers) {
            Object value = row.get(field.position);
            if (value == null) {
                if (field.required) {
                    throw new IllegalArgumentException("lake column " + field.name + " is required but null");
                }
                continue; // an optional column left out is a null
            }
            out.startField(field.name, field.position);
            writeValue(field, value);
            out.endField(field.name, field.position);
        }
    }

    private void writeValue(FieldWriter field, Object value) {
        switch (field.kind) {
            case LONG:
                out.addLong((Long) value);
                break;
            case INT:
                out.addInteger((Integer) value);
                break;
            case DOUBLE:
                out.addDouble((Double) value);
                break;
            case BOOLEAN:
                out.addBoolean((Boolean) value);
                break;
            case STRING:
                // Byte-array backed: the dictionary and the statistics compare these cheaply.
                out.addBinary(Binary.fromConstantByteArray(value.toString().getBytes(StandardCharsets.UTF_8)));
                break;
            case RECORD:
                out.startGroup();
                writeFields(field.children, (GenericRecord) value);
                out.endGroup();
                break;
            case LIST:
                writeList(field, (Collection<?>) value);
                break;
            default:
                throw new IllegalStateException("no writer for " + field.kind);
        }
    }

    /** parquet-avro's three-level layout: group (LIST) { repeated group list { element } }. */
    private void writeList(FieldWriter field, Collection<?> elements) {
        out.startGroup();
        if (!elements.isEmpty()) {
            out.startField(LIST, 0);
            for (Object element : elements) {
                if (element == null) {
                    throw new IllegalArgumentException("lake column " + field.name + " holds a null element");
                }
                out.startGroup();
                out.startField(ELEMENT, 0);
                writeValue(field.children[0], element);
                out.endField(ELEMENT, 0);
                out.endGroup();
            }
            out.endField(LIST, 0);
        }
        out.endGroup();
    }

    private enum Kind {
        LONG,
        INT,
        DOUBLE,
        BOOLEAN,
        STRING,
        RECORD,
        LIST
    }

    /** How one field (or a list's element) is written; made once per table. */
    private static final class FieldWriter {
        final String name;
        final int position;
        final boolean required;
        final Kind kind;
        final FieldWriter[] children;

        FieldWriter(String name, int position, boolean required, Kind kind, FieldWriter[] children) {
            this.name = name;
            this.position = position;
            this.required = required;
            this.kind = kind;
            this.children = children;
        }
    }

    private static FieldWriter[] plan(Schema record) {
        List<Schema.Field> fields = record.getFields();
        FieldWriter[] writers = new FieldWriter[fields.size()];
        for (Schema.Field f : fields) {
            writers[f.pos()] = writer(f.name(), f.pos(), f.schema());
        }
        return writers;
    }

    private static FieldWriter writer(String name, int position, Schema type) {
        Schema value = nonNull(type);
        boolean required = value == type;
        switch (value.getType()) {
            case LONG:
                return new FieldWriter(name, position, required, Kind.LONG, null);
            case INT:
                return new FieldWriter(name, position, required, Kind.INT, null);
            case DOUBLE:
                return new FieldWriter(name, position, required, Kind.DOUBLE, null);
            case BOOLEAN:
                return new FieldWriter(name, position, required, Kind.BOOLEAN, null);
            case STRING:
                return new FieldWriter(name, position, required, Kind.STRING, null);
            case RECORD:
                return new FieldWriter(name, position, required, Kind.RECORD, plan(value));
            case ARRAY:
                return new FieldWriter(name, position, required, Kind.LIST, new FieldWriter[] {
                    writer(ELEMENT, 0, value.getElementType())
                });
            default:
                throw new IllegalArgumentException("no lake column type for " + value);
        }
    }

    /** The non-null branch of a nullable union ([null, X]), or the type itself. */
    private static Schema nonNull(Schema type) {
        if (type.getType() != Schema.Type.UNION) {
            return type;
        }
        for (Schema branch : type.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        throw new IllegalArgumentException("a union of nulls only: " + type);
    }

    /** A Parquet writer of a table's rows through this write support. */
    static final class Builder extends ParquetWriter.Builder<GenericRecord, Builder> {
        private final Schema schema;

        Builder(OutputFile file, Schema schema) {
            super(file);
            this.schema = schema;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<GenericRecord> getWriteSupport(Configuration conf) {
            return new LakeWriteSupport(schema);
        }
    }
}
