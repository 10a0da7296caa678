package dev.streamwarden.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.CoercionError;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.deliver.NormalizedJson;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the job makes of records, one JSON line per event: {@code log_type}, {@code event_time},
 * {@code normalized}, {@code record}, or {@code error} with the stage and reason and the input; every line names
 * the record it came from ({@code origin}, {@code sequence_number}). Records are unpacked and classified exactly as
 * the job does, with the job's default limits.
 */
final class EventPrinter {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_INPUT_CHARS = 2000;

    private final PrintStream out;
    private final Unpacker unpacker;
    private final Classifier classifier = Classifier.standard();
    private final Map<String, Long> eventsPerType = new TreeMap<>();
    private final Map<String, Long> errorsPerStage = new TreeMap<>();

    EventPrinter(PrintStream out) {
        this.out = out;
        this.unpacker = new Unpacker(UnpackLimits.defaults());
    }

    void print(RawRecord record) {
        unpacker.unpack(record, new UnpackOutput() {
            @Override
            public void event(RawEvent raw) {
                ParseResult result = classifier.classify(raw);
                if (result.matched()) {
                    result.events().forEach(e -> out.println(eventLine(record, e)));
                } else {
                    out.println(errorLine(record, "classify", result.miss(), raw.payload));
                }
            }

            @Override
            public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {
                out.println(errorLine(record, "unpack", reason, new String(data, StandardCharsets.UTF_8)));
            }

            @Override
            public void controlMessage() {}
        });
    }

    /** Events per log type and errors per stage so far, for the end of a run. */
    String summary() {
        return "events per log type: " + eventsPerType + "; errors per stage: " + errorsPerStage;
    }

    private String eventLine(RawRecord record, Event e) {
        eventsPerType.merge(e.logType, 1L, Long::sum);
        ObjectNode line = origin(record);
        line.put("log_type", e.logType);
        line.put("event_time", Instant.ofEpochMilli(e.eventTime).toString());
        NormalizedJson.putFields(line.putObject("normalized"), e.normalized);
        if (e.coercionErrors != null) {
            ArrayNode errors = line.putArray("coercion_errors");
            for (CoercionError error : e.coercionErrors) {
                errors.addObject().put("field", error.field).put("reason", error.reason);
            }
        }
        line.set("record", e.json());
        return line.toString();
    }

    private String errorLine(RawRecord record, String stage, String reason, String input) {
        errorsPerStage.merge(stage, 1L, Long::sum);
        ObjectNode line = origin(record);
        line.put("error", reason);
        line.put("stage", stage);
        line.put("input", input.length() <= MAX_INPUT_CHARS ? input : input.substring(0, MAX_INPUT_CHARS) + "…");
        return line.toString();
    }

    private static ObjectNode origin(RawRecord record) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("source", record.envelope.source);
        line.put("origin", record.envelope.origin);
        line.put("sequence_number", record.envelope.sequenceNumber);
        return line;
    }
}
