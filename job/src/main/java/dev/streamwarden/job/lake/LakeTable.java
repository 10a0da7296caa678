package dev.streamwarden.job.lake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.job.classify.schema.FieldSpec;
import dev.streamwarden.job.classify.schema.LogSchema;
import dev.streamwarden.job.classify.schema.PlausibleTime;
import dev.streamwarden.job.model.Reasons;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * One log type's table in the lake, derived from its schema: {@code event_time}, the log's own fields as typed
 * columns (maps and lists as JSON text), a {@code normalized} struct, a {@code meta} struct (source, shard,
 * sequence number, arrival time, CloudWatch Logs envelope, the values that could not be typed) and {@code record}
 * (the whole event as JSON, so keys the schema does not declare are kept, and values that could not be typed too). The Parquet writer and the Athena DDL both come from here.
 */
public final class LakeTable implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String[] META = {"source", "origin", "sequence_number", "log_group", "log_stream", "owner"};
    /** The meta column listing the values that could not be typed (the event's coercion errors). */
    static final String COERCION_ERRORS = "coercion_errors";
    /** The column holding the whole event as JSON. */
    static final String RECORD = "record";

    public final String logType;
    /** The schema whose fields are the columns: an event it typed brings its column values along. */
    private final String schemaName;

    private final List<FieldSpec> fields;
    private final String avroSchema;
    private transient Schema schema;
    private transient Schema normalizedSchema;
    private transient Schema metaSchema;
    private transient Schema coercionErrorSchema;

    private LakeTable(String logType, String schemaName, List<FieldSpec> fields) {
        this.logType = logType;
        this.schemaName = schemaName;
        this.fields = fields;
        this.avroSchema = buildSchema().toString();
    }

    public static LakeTable of(LogSchema schema) {
        return new LakeTable(schema.logType, schema.name, schema.fields);
    }

    public Schema schema() {
        if (schema == null) {
            schema = new Schema.Parser().parse(avroSchema);
            normalizedSchema = schema.getField("normalized").schema();
            metaSchema = schema.getField("meta").schema();
            coercionErrorSchema = metaSchema.getField(COERCION_ERRORS).schema().getElementType();
        }
        return schema;
    }

    /** Column name and Athena type, in order (partition columns dt and hour come from the path). */
    public List<String[]> athenaColumns() {
        List<String[]> columns = new ArrayList<>();
        columns.add(new String[] {"event_time", "timestamp"});
        for (FieldSpec f : fields) {
            columns.add(new String[] {f.column, athenaType(f)});
        }
        StringBuilder normalized = new StringBuilder("struct<");
        for (String name : Normalized.NAMES) {
            normalized
                    .append(normalized.length() > 7 ? "," : "")
                    .append(name)
                    .append(':')
                    .append(Normalized.isInteger(name) ? "int" : "string");
        }
        columns.add(new String[] {"normalized", normalized.append('>').toString()});
        StringBuilder meta = new StringBuilder("struct<");
        for (String name : META) {
            meta.append(name).append(":string,");
        }
        columns.add(new String[] {
            "meta",
            meta.append("arrival_time:timestamp,")
                    .append(COERCION_ERRORS)
                    .append(":array<struct<field:string,reason:string>>>")
                    .toString()
        });
        columns.add(new String[] {"record", "string"});
        return columns;
    }

    /**
     * The event as a row. Total: a value that does not fit its column (which classification already recorded in
     * the event's coercion errors) becomes null, so the Parquet writer is never handed what it cannot encode.
     */
    GenericRecord toRecord(Event e) {
        try {
            return typedRow(e);
        } catch (RuntimeException | StackOverflowError unforeseen) {
            // The event is kept, untyped, with why: a sink that throws would fail the job on one event.
            return untypedRow(e, new CoercionError("row", "not typed: " + Reasons.of(unforeseen)));
        }
    }

    private GenericRecord typedRow(Event e) {
        // Fields by position, in buildSchema's order: a name lookup per field and event is measurable here.
        GenericRecord r = new GenericData.Record(schema());
        int position = 0;
        r.put(position++, e.eventTime);
        // Classification typed the values already when its schema is this table's (chained, not serialized since).
        Object[] typed = e.lakeColumns(schemaName);
        JsonNode record = typed == null ? recordTree(e) : null;
        long reference = PlausibleTime.reference(e.envelope.arrivalTime);
        List<CoercionError> columnErrors = null;
        for (int i = 0; i < fields.size(); i++) {
            FieldSpec f = fields.get(i);
            Object column;
            if (typed != null) {
                column = typed[i];
            } else {
                JsonNode value = record.get(f.name);
                column = value == null || value.isNull() ? null : columnValue(f, value, reference);
                if (column == null && value != null && !value.isNull() && !recorded(e.coercionErrors, f.name)) {
                    columnErrors = columnErrors == null ? new ArrayList<>(1) : columnErrors;
                    columnErrors.add(new CoercionError(f.name, "does not fit the column's type; the column is null"));
                }
            }
            if (f.type.storedAsJson() && column != null) {
                column = EncodableText.json((String) column);
            }
            if (column instanceof String && !EncodableText.encodable((String) column)) {
                column = EncodableText.replaced((String) column);
                columnErrors = columnErrors == null ? new ArrayList<>(1) : columnErrors;
                columnErrors.add(
                        new CoercionError(f.name, "unpaired UTF-16 surrogates replaced by U+FFFD in the column"));
            }
            r.put(position++, column);
        }
        GenericRecord normalized = new GenericData.Record(normalizedSchema);
        for (int i = 0; i < Normalized.NAMES.size(); i++) {
            normalized.put(i, encodable(e.normalized.get(Normalized.NAMES.get(i))));
        }
        r.put(position++, normalized);
        String recordJson = e.record == null ? "null" : EncodableText.json(e.record); // the column is required
        if (e.record != null && !recordJson.equals(e.record)) {
            columnErrors = columnErrors == null ? new ArrayList<>(1) : columnErrors;
            columnErrors.add(new CoercionError("record", "unpaired UTF-16 surrogates replaced by U+FFFD"));
        }
        r.put(position++, meta(e, columnErrors));
        r.put(position, recordJson);
        return r;
    }

    /** Event time, meta and record; every typed and normalized column null. */
    private GenericRecord untypedRow(Event e, CoercionError why) {
        GenericRecord r = new GenericData.Record(schema());
        r.put(0, e.eventTime);
        for (int i = 1; i <= fields.size(); i++) {
            r.put(i, null);
        }
        r.put(fields.size() + 1, new GenericData.Record(normalizedSchema));
        r.put(fields.size() + 2, meta(e, List.of(why)));
        r.put(fields.size() + 3, e.record == null ? "null" : EncodableText.replaced(e.record));
        return r;
    }

    private GenericRecord meta(Event e, List<CoercionError> columnErrors) {
        GenericRecord meta = new GenericData.Record(metaSchema);
        Object[] metaValues = {
            e.envelope.source,
            e.envelope.origin,
            e.envelope.sequenceNumber,
            e.envelope.logGroup,
            e.envelope.logStream,
            e.envelope.owner,
            e.envelope.arrivalTime
        };
        for (int i = 0; i < metaValues.length; i++) {
            meta.put(i, encodable(metaValues[i]));
        }
        meta.put(metaValues.length, coercionErrors(e.coercionErrors, columnErrors));
        return meta;
    }

    /** Whether classification already recorded why the field is not typed. */
    private static boolean recorded(CoercionError[] errors, String field) {
        if (errors != null) {
            for (CoercionError error : errors) {
                if (field.equals(error.field)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Strings Parquet can encode; anything else as it is. */
    private static Object encodable(Object value) {
        return value instanceof String && !EncodableText.encodable((String) value)
                ? EncodableText.replaced((String) value)
                : value;
    }

    /** Classification makes every record JSON; were one not, its typed columns would be null, its row written. */
    private static JsonNode recordTree(Event e) {
        try {
            return e.json();
        } catch (RuntimeException notJson) {
            return MissingNode.getInstance();
        }
    }

    private List<GenericRecord> coercionErrors(CoercionError[] errors, List<CoercionError> columnErrors) {
        List<GenericRecord> list = new ArrayList<>();
        for (List<CoercionError> part : List.of(
                errors == null ? List.<CoercionError>of() : List.of(errors),
                columnErrors == null ? List.<CoercionError>of() : columnErrors)) {
            for (CoercionError error : part) {
                GenericRecord entry = new GenericData.Record(coercionErrorSchema);
                entry.put(0, encodable(error.field));
                entry.put(1, encodable(error.reason));
                list.add(entry);
            }
        }
        return list;
    }

    /** The value in the column's type; null if it does not coerce (classification recorded why). */
    private static Object columnValue(FieldSpec f, JsonNode value, long reference) {
        try {
            return f.column(f.coerce(value, reference), reference);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private Schema buildSchema() {
        Schema timestamp = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        SchemaBuilder.FieldAssembler<Schema> table = SchemaBuilder.record(logType)
                .namespace("dev.streamwarden.lake")
                .fields()
                .name("event_time")
                .type(timestamp)
                .noDefault();
        for (FieldSpec f : fields) {
            table = table.name(f.column).type(nullable(avroType(f))).withDefault(null);
        }
        SchemaBuilder.FieldAssembler<Schema> normalized =
                SchemaBuilder.record("normalized").fields();
        for (String name : Normalized.NAMES) {
            normalized = Normalized.isInteger(name) ? normalized.optionalInt(name) : normalized.optionalString(name);
        }
        SchemaBuilder.FieldAssembler<Schema> meta = SchemaBuilder.record("meta").fields();
        for (String name : META) {
            meta = meta.optionalString(name);
        }
        meta = meta.name("arrival_time").type(timestamp).noDefault();
        Schema coercionError = SchemaBuilder.record("coercion_error")
                .fields()
                .optionalString("field")
                .optionalString("reason")
                .endRecord();
        meta = meta.name(COERCION_ERRORS)
                .type(Schema.createArray(coercionError))
                .noDefault();
        return table.name("normalized")
                .type(normalized.endRecord())
                .noDefault()
                .name("meta")
                .type(meta.endRecord())
                .noDefault()
                .requiredString(RECORD)
                .endRecord();
    }

    private static Schema avroType(FieldSpec f) {
        switch (f.type) {
            case INTEGER:
                return Schema.create(Schema.Type.LONG);
            case FLOAT:
                return Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN:
                return Schema.create(Schema.Type.BOOLEAN);
            case TIMESTAMP:
                return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            default:
                return Schema.create(Schema.Type.STRING);
        }
    }

    private static Schema nullable(Schema type) {
        return Schema.createUnion(Schema.create(Schema.Type.NULL), type);
    }

    private static String athenaType(FieldSpec f) {
        switch (f.type) {
            case INTEGER:
                return "bigint";
            case FLOAT:
                return "double";
            case BOOLEAN:
                return "boolean";
            case TIMESTAMP:
                return "timestamp";
            default:
                return "string";
        }
    }
}
