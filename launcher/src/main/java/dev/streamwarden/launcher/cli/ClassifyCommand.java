package dev.streamwarden.launcher.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.source.KinesisDumpReader;
import dev.streamwarden.job.unpack.Unpacker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code classify [--source NAME] FILE...}: what the job would make of captured input, one JSON line per event
 * on stdout (see {@link EventPrinter}) and a summary per log type on stderr. Each line of a file, each record of a
 * get-records dump, or a whole gzip'd or single-JSON-document file is handled exactly as the job handles one Kinesis
 * record: unpacked, then classified.
 */
final class ClassifyCommand {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    int run(List<String> argv) throws IOException {
        Args args = Args.parse(argv, Set.of("source"));
        if (args.positional.isEmpty()) {
            throw new Args.UsageException("classify needs at least one FILE");
        }
        String source = args.get("source", "classify");
        EventPrinter printer = new EventPrinter(System.out);
        for (String name : args.positional) {
            for (RawRecord record : records(Path.of(name), source)) {
                printer.print(record);
            }
        }
        System.err.println(printer.summary());
        return 0;
    }

    private List<RawRecord> records(Path file, String source) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String origin = file.getFileName().toString();
        boolean gzip = Unpacker.isGzip(bytes);
        if (!gzip) {
            List<RawRecord> dump =
                    KinesisDumpReader.readAllIfDump(bytes, new org.apache.flink.core.fs.Path(file.toUri()), source);
            if (dump != null) {
                return dump;
            }
        }
        if (gzip || isOneJsonDocument(bytes)) {
            return List.of(new RawRecord(source, origin, null, null, 0L, bytes));
        }
        List<RawRecord> lines = new ArrayList<>();
        int n = 0;
        for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
            n++;
            if (!line.isBlank()) {
                lines.add(new RawRecord(
                        source, origin, null, origin + ":" + n, 0L, line.getBytes(StandardCharsets.UTF_8)));
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
}
