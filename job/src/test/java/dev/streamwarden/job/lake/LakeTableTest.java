package dev.streamwarden.job.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Envelope;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.schema.SchemaRegistry;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** A lake row is total: what does not fit a column is recorded, and an event that cannot be typed is kept untyped. */
class LakeTableTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final LakeTable cloudtrail =
            LakeTable.of(SchemaRegistry.bundled().byLogType().get("cloudtrail"));

    private static Event event(String record) throws Exception {
        Event e = new Event();
        e.logType = "cloudtrail";
        e.envelope = new Envelope();
        e.envelope.source = "s";
        e.eventTime = 1_795_860_000_000L;
        e.envelope.arrivalTime = 1_795_860_000_000L;
        e.setRecordText(record, MAPPER.readTree(record));
        return e;
    }

    private static List<String> coercionErrors(GenericRecord row) {
        GenericRecord meta = (GenericRecord) row.get("meta");
        return ((List<?>) meta.get(LakeTable.COERCION_ERRORS))
                .stream()
                        .map(o -> ((GenericRecord) o).get("field") + ": " + ((GenericRecord) o).get("reason"))
                        .collect(Collectors.toList());
    }

    @Test
    void aValueThatDoesNotFitItsColumnIsRecordedOnceAndTheColumnIsNull() throws Exception {
        Event unchecked = event("{\"eventTime\":\"0000-01-01T00:00:00Z\",\"eventName\":\"GetObject\"}");
        GenericRecord row = cloudtrail.toRecord(unchecked);

        assertNull(row.get("event_time_field"));
        assertEquals("GetObject", row.get("event_name"));
        assertEquals(List.of("eventTime: does not fit the column's type; the column is null"), coercionErrors(row));

        Event recorded = event("{\"eventTime\":\"0000-01-01T00:00:00Z\",\"eventName\":\"GetObject\"}");
        recorded.coercionErrors = new CoercionError[] {new CoercionError("eventTime", "outside years 1 to 9999")};
        assertEquals(
                List.of("eventTime: outside years 1 to 9999"),
                coercionErrors(cloudtrail.toRecord(recorded)),
                "what classification recorded is not said twice");
    }

    @Test
    void anEventTheTableCannotTypeIsKeptUntypedWithWhy() throws Exception {
        Event e = event("{\"eventTime\":\"2026-11-28T10:00:00Z\",\"eventName\":\"GetObject\"}");
        e.normalized = null; // no classified event is like this; a rule or a bug could make one

        GenericRecord row = cloudtrail.toRecord(e);

        assertNull(row.get("event_name"));
        assertEquals(e.record, row.get("record"));
        assertEquals(1_795_860_000_000L, row.get("event_time"));
        assertEquals(
                List.of("row: not typed: java.lang.NullPointerException: "),
                coercionErrors(row).stream()
                        .map(s -> s.substring(0, s.indexOf(':', s.indexOf("NullPointerException")) + 2))
                        .collect(Collectors.toList()));
        assertEquals(true, GenericData.get().validate(row.getSchema(), row), "a row Parquet can write");
    }
}
