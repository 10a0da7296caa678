package dev.streamwarden.job.fuzz;

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

        Sample(String logType, String text, boolean json, String header) {
            this.logType = logType;
            this.text = text;
            this.json = json;
            this.header = header;
        }
    }

    public final List<Sample> standalone = new ArrayList<>();
    public final List<Sample> withHeader = new ArrayList<>();
    /** CloudTrail events, for Records[] batches. */
    public final List<Sample> cloudTrail = new ArrayList<>();

    public static FuzzCorpus fixtures() {
        FuzzCorpus corpus = new FuzzCorpus();
        try {
            for (String dir : ClasspathFiles.list("fixtures", "")) {
                for (String file : ClasspathFiles.list(dir, "")) {
                    if (!file.endsWith(".expect.json")) {
                        corpus.add(file, MAPPER.readTree(ClasspathFiles.read(file + ".expect.json")),
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

    private void add(String file, JsonNode expect, String content) throws IOException {
        String logType = expect.path("log_type").asText();
        String trimmed = content.strip();
        if (trimmed.startsWith("{") && MAPPER.readTree(trimmed).path("Records").isArray()) {
            for (JsonNode record : MAPPER.readTree(trimmed).get("Records")) {
                Sample sample = new Sample(logType, record.toString(), true, null);
                standalone.add(sample);
                if (logType.equals("cloudtrail")) {
                    cloudTrail.add(sample);
                }
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        for (String line : content.split("\r?\n")) {
            if (!line.isBlank()) {
                lines.add(line);
            }
        }
        int headerLines = expect.path("header_lines").asInt(0);
        String header = headerLines == 0 ? null : String.join("\n", lines.subList(0, headerLines));
        for (String line : lines.subList(headerLines, lines.size())) {
            boolean json = line.startsWith("{");
            Sample sample = new Sample(logType, line, json, header);
            (header == null ? standalone : withHeader).add(sample);
            if (json && logType.equals("cloudtrail")) {
                cloudTrail.add(sample);
            }
        }
        if (lines.size() - headerLines != expect.path("events").asInt()) {
            throw new IllegalStateException(file + ": " + (lines.size() - headerLines) + " lines for "
                    + expect.path("events").asInt() + " expected events; the corpus reads it wrongly");
        }
    }
}
