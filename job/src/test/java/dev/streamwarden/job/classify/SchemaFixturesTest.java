package dev.streamwarden.job.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.api.Event;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Real-format fixtures (rules/src/main/resources/fixtures/LOG_TYPE/FILE with FILE.expect.json) through unpack and
 * classify: every event gets the expected log type, event time and normalized values; header lines are not events.
 * {@code event_time} is one ISO-8601 instant for every event, or a list with one per event.
 */
class SchemaFixturesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Classifier CLASSIFIER = Classifier.standard();
    /** When the fixtures "arrived": a fixed reference, so yearless times (RFC 3164 syslog) always read the same. */
    private static final long ARRIVAL =
            java.time.Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();

    @TestFactory
    Stream<DynamicTest> everyFixtureClassifiesAsExpected() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String logType : logTypes()) {
            for (String file : ClasspathFiles.list("fixtures/" + logType, "")) {
                if (!file.endsWith(".expect.json")) {
                    tests.add(DynamicTest.dynamicTest(file, () -> check(file)));
                }
            }
        }
        return tests.stream();
    }

    @Test
    void atLeastFifteenLogTypesHaveFixtures() throws IOException {
        Set<String> types = logTypes();
        assertTrue(types.size() >= 15, "log types with fixtures: " + types);
        Set<String> withSchema = CLASSIFIER.registry().byLogType().keySet();
        assertTrue(withSchema.containsAll(types), "fixtures for log types without a schema: " + types);
    }

    private static Set<String> logTypes() throws IOException {
        Set<String> types = new TreeSet<>();
        for (String dir : ClasspathFiles.list("fixtures", "")) {
            types.add(dir.substring("fixtures/".length()));
        }
        return types;
    }

    private static void check(String file) throws IOException {
        JsonNode expect = MAPPER.readTree(read(file + ".expect.json"));
        List<Event> events = new ArrayList<>();
        int[] headerLines = {0};
        new Unpacker(new UnpackLimits(10 << 20, 64 << 20, 1 << 20))
                .unpack(new RawRecord("fixtures", file, null, "1", ARRIVAL, read(file)), new UnpackOutput() {
                    @Override
                    public void event(RawEvent raw) {
                        ParseResult result = CLASSIFIER.classify(raw);
                        if (!result.matched()) {
                            fail(file + ": " + result.miss() + "\n  event: " + raw.payload);
                        }
                        if (result.events().isEmpty()) {
                            headerLines[0]++;
                        }
                        events.addAll(result.events());
                    }

                    @Override
                    public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {
                        fail(file + ": does not unpack: " + reason);
                    }

                    @Override
                    public void controlMessage() {}
                });
        assertEquals(expect.path("events").asInt(), events.size(), file + ": events");
        assertEquals(expect.path("header_lines").asInt(0), headerLines[0], file + ": header lines");
        // One event_time per event, or one for all of them.
        JsonNode eventTimes = expect.path("event_time");
        assertTrue(
                eventTimes.isTextual() || eventTimes.size() == events.size(),
                file + ": .expect.json gives every event's event_time");
        for (int i = 0; i < events.size(); i++) {
            Event event = events.get(i);
            assertEquals(expect.path("log_type").asText(), event.logType, file + " event " + i + ": log type");
            assertEquals(
                    (eventTimes.isTextual() ? eventTimes : eventTimes.get(i)).asText(),
                    java.time.Instant.ofEpochMilli(event.eventTime).toString(),
                    file + " event " + i + ": event time");
            assertEquals(
                    null,
                    event.coercionErrors == null ? null : java.util.Arrays.asList(event.coercionErrors),
                    file + " event " + i + ": every value of a fixture types");
            JsonNode normalized = expect.path("normalized").path(i);
            for (Iterator<Map.Entry<String, JsonNode>> it = normalized.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                Object actual = event.normalized.get(field.getKey());
                String expected = field.getValue().asText();
                assertEquals(
                        expected,
                        actual == null ? null : actual.toString(),
                        file + " event " + i + ": normalized " + field.getKey() + " in " + event.normalized);
            }
        }
    }

    private static byte[] read(String resource) throws IOException {
        try (InputStream in = SchemaFixturesTest.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing " + resource);
            }
            return in.readAllBytes();
        }
    }
}
