package dev.streamwarden.launcher.fuzz;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.classify.schema.ClasspathFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The events of the real-format fixtures (rules/src/main/resources/fixtures), read without the code under test: each
 * JSON line, each element of a {@code Records[]} file, each text line after a file's header lines. The fixture tests
 * prove every one of them classifies, so an unmutated record built from them must reach the lake whole.
 */
public final class FuzzCorpus implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One fixture event: its text, whether it is JSON, and the header its lines need (header-driven files), if any. */
    public static final class Sample implements Serializable {
        private static final long serialVersionUID = 1L;

        public final String logType;
        public final String text;
        public final boolean json;
        /** The file's header lines, which this line needs before it to classify as written; null when standalone. */
        public final String header;
        /** How many events it holds: 1, or a whole CloudWatch Logs payload's. */
        public final int events;

        Sample(String logType, String text, boolean json, String header, int events) {
            this.logType = logType;
            this.text = text;
            this.json = json;
            this.header = header;
            this.events = events;
        }
    }

    public final List<Sample> standalone = new ArrayList<>();
    public final List<Sample> withHeader = new ArrayList<>();
    /** CloudTrail events, for Records[] batches. */
    public final List<Sample> cloudTrail = new ArrayList<>();
    /** Fixtures that are a whole record (a CloudWatch Logs payload), sent as they are. */
    public final List<Sample> wholeRecords = new ArrayList<>();

    /** Every line of the fixtures' file headers. */
    public List<String> headerLines() {
        List<String> lines = new ArrayList<>();
        for (Sample sample : withHeader) {
            for (String line : sample.header.split("\n")) {
                if (!line.isBlank() && !lines.contains(line)) {
                    lines.add(line);
                }
            }
        }
        return lines;
    }

    public static FuzzCorpus fixtures() {
        FuzzCorpus corpus = new FuzzCorpus();
        try {
            for (String dir : ClasspathFiles.list("fixtures", "")) {
                for (String file : ClasspathFiles.list(dir, "")) {
                    if (!file.endsWith(".expect.json")) {
                        corpus.add(
                                file,
                                MAPPER.readTree(ClasspathFiles.read(file + ".expect.json")),
                                new String(ClasspathFiles.read(file), StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("fixtures unreadable", e);
        }
        if (corpus.standalone.isEmpty() || corpus.cloudTrail.isEmpty()) {
            throw new IllegalStateException("no fixtures on the classpath");
        }
        return corpus;
    }

    /** The file as one JSON document, or null when it is not exactly one (JSON lines, text). */
    private static JsonNode singleDocument(String content) {
        if (!content.startsWith("{")) {
            return null;
        }
        try (JsonParser parser = MAPPER.createParser(content)) {
            JsonNode document = MAPPER.readTree(parser);
            return parser.nextToken() == null ? document : null;
        } catch (IOException e) {
            return null;
        }
    }

    private void add(String file, JsonNode expect, String content) throws IOException {
        String logType = expect.path("log_type").asText();
        JsonNode document = singleDocument(content.strip());
        if (document != null && document.path("Records").isArray()) {
            for (JsonNode record : document.get("Records")) {
                Sample sample = new Sample(logType, record.toString(), true, null, 1);
                standalone.add(sample);
                if (logType.equals("cloudtrail")) {
                    cloudTrail.add(sample);
                }
            }
            return;
        }
        if (document != null && document.isObject()) {
            // A CloudWatch Logs payload, a LookupEvents response...: sent as it is, with the events it holds.
            wholeRecords.add(new Sample(
                    logType,
                    document.toString(),
                    true,
                    null,
                    expect.path("events").asInt()));
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String line : content.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        // A file's header is its first line; S3 files concatenated into one repeat it further down.
        String header = expect.path("header_lines").asInt(0) == 0 ? null : lines.get(0);
        lines.removeIf(line -> line.equals(header));
        if (lines.size() != expect.path("events").asInt()) {
            // Some lines hold several events (an Okta event hook's data.events[]): the file goes as one record.
            wholeRecords.add(new Sample(
                    logType,
                    content,
                    lines.get(0).startsWith("{"),
                    null,
                    expect.path("events").asInt()));
            return;
        }
        for (String line : lines) {
            boolean json = line.startsWith("{");
            Sample sample = new Sample(logType, line, json, header, 1);
            (header == null ? standalone : withHeader).add(sample);
            if (json && logType.equals("cloudtrail")) {
                cloudTrail.add(sample);
            }
        }
    }
}
