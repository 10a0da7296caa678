package dev.streamwarden.launcher.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.unpack.Unpacker;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * What became of every fuzzed record, read back from the job's outputs: the lake (Parquet, every log type's table)
 * and the dead-letter output, joined to the records by sequence number. An unmutated record's events must all be in
 * the lake and nothing of it in the dead-letter; a mutated record must be in one or the other (or hold nothing but a
 * header line, which is data, not an event).
 */
public final class FuzzCheck {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_LISTED = 20;

    private FuzzCheck() {}

    /** Checks the first {@code count} records of {@code records} against the outputs under {@code out}. */
    public static FuzzReport check(FuzzRecords records, long count, Path lake, Path deadLetter) throws IOException {
        FuzzReport report = new FuzzReport();
        Map<String, Integer> lakeRows = lakeRows(lake, report);
        Map<String, List<String>> deadLetters = deadLetters(deadLetter, report);
        List<String> headerLines = records.corpus().headerLines();
        for (long i = 0; i < count; i++) {
            FuzzRecord fuzzed = records.record(i);
            String seq = fuzzed.record.envelope.sequenceNumber;
            int inLake = lakeRows.getOrDefault(seq, 0);
            boolean dead = deadLetters.containsKey(seq);
            report.records++;
            if (!fuzzed.mutated()) {
                report.expectedEvents += fuzzed.events;
                if (inLake != fuzzed.events || dead) {
                    report.violation("unmutated record " + seq + ": " + inLake + " of " + fuzzed.events
                            + " events in the lake" + (dead ? ", dead letters " + deadLetters.get(seq) : ""));
                }
                continue;
            }
            report.mutated++;
            fuzzed.mutations.forEach(m -> report.mutations.merge(m.name(), 1L, Long::sum));
            if (inLake > 0 && dead) {
                report.mutatedInBoth++;
            } else if (inLake > 0) {
                report.mutatedInLake++;
            } else if (dead) {
                report.mutatedDeadLettered++;
            } else if (holdsOnlyAHeader(fuzzed.record.data, headerLines)) {
                report.mutatedHeaderOnly++;
            } else {
                report.violation("mutated record " + seq + " " + fuzzed.mutations + " is in neither the lake nor the"
                        + " dead-letter output");
            }
        }
        return report;
    }

    private static Map<String, Integer> lakeRows(Path lake, FuzzReport report) throws IOException {
        Map<String, Integer> rows = new HashMap<>();
        for (Path file : partFiles(lake, ".parquet")) {
            try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(
                            HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), new Configuration()))
                    .build()) {
                for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                    GenericRecord meta = (GenericRecord) row.get("meta");
                    rows.merge(String.valueOf(meta.get("sequence_number")), 1, Integer::sum);
                    report.lakeRows++;
                    report.coercionErrors += ((List<?>) meta.get("coercion_errors")).size();
                }
            }
        }
        return rows;
    }

    private static Map<String, List<String>> deadLetters(Path dir, FuzzReport report) throws IOException {
        Map<String, List<String>> bySeq = new HashMap<>();
        for (Path file : partFiles(dir, ".jsonl")) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    JsonNode d = MAPPER.readTree(line);
                    String cause =
                            d.path("stage").asText() + "." + d.path("cause").asText();
                    report.deadLetters.merge(cause, 1L, Long::sum);
                    if (d.path("cause").asText().equals("rule_error")) {
                        String reason = d.path("reason").asText();
                        report.ruleErrors.merge(reason.substring(0, Math.min(reason.length(), 160)), 1L, Long::sum);
                    }
                    if (d.path("cause").asText().equals("exception")) {
                        String reason = d.path("reason").asText();
                        report.exceptions.merge(reason.substring(0, Math.min(reason.length(), 160)), 1L, Long::sum);
                    }
                    bySeq.computeIfAbsent(d.path("sequence_number").asText(), s -> new ArrayList<>())
                            .add(cause);
                }
            }
        }
        return bySeq;
    }

    /** Committed part files under an output root (in-progress ones are hidden with a leading dot). */
    private static List<Path> partFiles(Path root, String suffix) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith("part-")
                            && p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /**
     * A record that holds nothing but header lines of the corpus (or their first fields: a header cut short after a
     * field still names columns): data, not an event, and no error either.
     */
    static boolean holdsOnlyAHeader(byte[] data, List<String> headerLines) {
        String text;
        try {
            byte[] plain = Unpacker.isGzip(data) ? gunzip(data) : data;
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(plain))
                    .toString();
        } catch (IOException e) {
            return false;
        }
        boolean any = false;
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                if (headerLines.stream().noneMatch(header -> startsWithFieldsOf(header, line.strip()))) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    private static boolean startsWithFieldsOf(String header, String line) {
        List<String> headerFields = List.of(header.strip().split("\\s+"));
        List<String> lineFields = List.of(line.split("\\s+"));
        return lineFields.size() <= headerFields.size()
                && headerFields.subList(0, lineFields.size()).equals(lineFields);
    }

    private static byte[] gunzip(byte[] data) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    /** The figures of one run, and what broke the rules (at most {@value #MAX_LISTED} listed). */
    public static final class FuzzReport {
        public long records;
        public long mutated;
        public long expectedEvents;
        public long lakeRows;
        public long coercionErrors;
        public long mutatedInLake;
        public long mutatedDeadLettered;
        public long mutatedInBoth;
        public long mutatedHeaderOnly;
        public long violations;
        public final Map<String, Long> mutations = new TreeMap<>();
        public final Map<String, Long> deadLetters = new TreeMap<>();
        public final Map<String, Long> ruleErrors = new TreeMap<>();
        public final Map<String, Long> exceptions = new TreeMap<>();
        public final List<String> listed = new ArrayList<>();

        void violation(String what) {
            violations++;
            if (listed.size() < MAX_LISTED) {
                listed.add(what);
            }
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder();
            s.append(String.format(
                    "records            %,d (%,d unmutated holding %,d events, %,d mutated)%n",
                    records, records - mutated, expectedEvents, mutated));
            s.append(String.format(
                    "lake rows          %,d (values recorded as not typed: %,d)%n", lakeRows, coercionErrors));
            s.append(String.format(
                    "mutated records    %,d in the lake, %,d dead-lettered, %,d partly each, %,d only a" + " header%n",
                    mutatedInLake, mutatedDeadLettered, mutatedInBoth, mutatedHeaderOnly));
            s.append("mutations          ").append(mutations).append('\n');
            s.append("dead letters       ").append(deadLetters).append('\n');
            if (!ruleErrors.isEmpty()) {
                s.append("rule errors        ").append(ruleErrors).append('\n');
            }
            if (!exceptions.isEmpty()) {
                s.append("exceptions         ").append(exceptions).append('\n');
            }
            s.append(String.format("violations         %,d%n", violations));
            listed.forEach(v -> s.append("  ").append(v).append('\n'));
            return s.toString();
        }
    }
}
