package dev.streamwarden.job.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.Normalized;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.classify.ParseResult;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.source.KinesisDumpReader;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code classify [--source NAME] FILE...}: what the job would make of captured input, one JSON line per event
 * on stdout ({@code log_type}, {@code normalized}, {@code record}, or {@code error} with the reason) and a summary
 * per log type on stderr. Each line of a file, each record of a get-records dump, or a whole gzip'd or
 * single-JSON-document file is handled exactly as the job handles one Kinesis record: unpacked, then classified.
 */
final class ClassifyCommand {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, Long> eventsPerType = new TreeMap<>();
    private final Map<String, Long> errorsPerStage = new TreeMap<>();

    int run(List<String> argv) throws IOException {
        Args args = Args.parse(argv, Set.of("source"));
        if (args.positional.isEmpty()) {
            throw new Args.UsageException("classify needs at least one FILE");
        }
        String source = args.get("source", "classify");
        StreamwardenConfig defaults = new StreamwardenConfig();
        Unpacker unpacker = new Unpacker(
                new UnpackLimits(defaults.maxRecordBytes, defaults.maxDecompressedBytes, defaults.maxEventBytes));
        Classifier classifier = Classifier.standard();
        PrintStream out = System.out;
        for (String name : args.positional) {
            Path file = Path.of(name);
            for (RawRecord record : records(file, source)) {
                unpacker.unpack(record, new UnpackOutput() {
                    @Override
                    public void event(RawEvent raw) {
                        ParseResult result = classifier.classify(raw);
                        if (result.matched()) {
                            result.events().forEach(e -> out.println(eventLine(e)));
                        } else {
                            out.println(errorLine("classify", result.miss(), raw.payload));
                        }
                    }

                    @Override
                    public void deadLetter(String reason, byte[] data) {
                        out.println(errorLine("unpack", reason, new String(data, StandardCharsets.UTF_8)));
                    }

                    @Override
                    public void controlMessage() {}
                });
            }
        }
        System.err.println("events per log type: " + eventsPerType + "; errors per stage: " + errorsPerStage);
        return 0;
    }

    private List<RawRecord> records(Path file, String source) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String origin = file.getFileName().toString();
        boolean gzip = bytes.length > 1 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
        if (!gzip) {
            KinesisDumpReader dump = KinesisDumpReader.openIfDump(new ByteArrayInputStream(bytes),
                    new org.apache.flink.core.fs.Path(file.toUri()), source);
            if (dump != null) {
                try (dump) {
                    List<RawRecord> records = new java.util.ArrayList<>();
                    for (RawRecord r = dump.next(); r != null; r = dump.next()) {
                        records.add(r);
                    }
                    return records;
                }
            }
        }
        if (gzip || isOneJsonDocument(bytes)) {
            return List.of(new RawRecord(source, origin, null, null, 0L, bytes));
        }
        List<RawRecord> lines = new java.util.ArrayList<>();
        int n = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            n++;
            if (!line.isBlank()) {
                lines.add(new RawRecord(source, origin, null, origin + ":" + n, 0L,
                        line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return lines;
    }

    private static boolean isOneJsonDocument(byte[] bytes) {
        try (com.fasterxml.jackson.core.JsonParser parser = MAPPER.createParser(bytes)) {
            MAPPER.readTree(parser);
            return parser.nextToken() == null;
        } catch (IOException notJson) {
            return false;
        }
    }

    private String eventLine(Event e) {
        eventsPerType.merge(e.logType, 1L, Long::sum);
        ObjectNode line = MAPPER.createObjectNode();
        line.put("log_type", e.logType);
        line.put("source", e.source);
        line.put("event_time", Instant.ofEpochMilli(e.eventTime).toString());
        ObjectNode normalized = line.putObject("normalized");
        for (String name : Normalized.NAMES) {
            Object value = e.normalized.get(name);
            if (value instanceof Integer) {
                normalized.put(name, (Integer) value);
            } else if (value != null) {
                normalized.put(name, value.toString());
            }
        }
        line.set("record", e.json());
        return line.toString();
    }

    private String errorLine(String stage, String reason, String input) {
        errorsPerStage.merge(stage, 1L, Long::sum);
        ObjectNode line = MAPPER.createObjectNode();
        line.put("error", reason);
        line.put("stage", stage);
        line.put("input", input.length() <= 2000 ? input : input.substring(0, 2000) + "…");
        return line.toString();
    }
}
