package dev.streamwarden.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.source.KinesisDumpReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The harness runs end to end on a small input: every workload gets every row. Nothing here is timed. */
@Timeout(300)
class BenchCommandTest {
    /** A measured row; a whole-job per-CPU row may be n/a on an input this small (start-up costs as much). */
    private static final Pattern ROW = Pattern.compile("^  (.+?)\\s+([\\d,]+|n/a)\\s+([\\d.]+|n/a)\\s+([\\d.]+|n/a)$");

    @TempDir
    Path tmp;

    @Test
    void dumpsTheInputsForReplayWithoutMeasuring() throws Exception {
        BenchCommand.Options options = new BenchCommand.Options();
        options.events = 4_000;
        options.dumpTo = tmp.resolve("dumps");
        new BenchCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(options);
        Map<String, Integer> records = new TreeMap<>();
        try (Stream<Path> files = Files.list(options.dumpTo)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                records.put(
                        file.getFileName().toString(),
                        KinesisDumpReader.readAllIfDump(
                                        Files.readAllBytes(file),
                                        new org.apache.flink.core.fs.Path(file.toUri()),
                                        "bench")
                                .size());
            }
        }
        assertEquals(
                Map.of(
                        "cloudtrail-100-one.json", 1,
                        "cloudtrail-100.json", 4,
                        "vpc_flow-2000-one.json", 1,
                        "vpc_flow-2000.json", 2,
                        "vpc_flow-20000-one.json", 1,
                        "vpc_flow-20000.json", 2),
                records);
    }

    @Test
    void runsOnlyTheWorkloadsAskedFor() throws Exception {
        BenchCommand.Options options = new BenchCommand.Options();
        options.events = 4_000;
        options.workloads = List.of("vpc_flow-20000");
        options.dumpTo = tmp.resolve("some");
        new BenchCommand(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).run(options);
        try (Stream<Path> files = Files.list(options.dumpTo)) {
            assertEquals(
                    List.of("vpc_flow-20000-one.json", "vpc_flow-20000.json"),
                    files.map(f -> f.getFileName().toString()).sorted().collect(Collectors.toList()));
        }
    }

    @Test
    void printsEveryStageAndTheWholeJobForEveryWorkload() throws Exception {
        BenchCommand.Options options = new BenchCommand.Options();
        options.events = 4_000;
        options.seconds = 0.05;
        options.parallelisms = List.of(1);
        options.runs = 1;
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new BenchCommand(new PrintStream(text, true, StandardCharsets.UTF_8)).run(options);
        List<String> lines = text.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());

        List<String> workloads =
                lines.stream().filter(l -> l.contains(" events, ")).collect(Collectors.toList());
        assertEquals(3, workloads.size(), String.join("\n", lines));
        assertTrue(workloads.get(0).startsWith("vpc_flow: CWL payloads of 2,000 lines (4,000 events, 2 records"));
        assertTrue(workloads.get(1).startsWith("vpc_flow: CWL payloads of 20,000 lines (40,000 events, 2 records"));
        assertTrue(workloads.get(2).startsWith("cloudtrail: Records[] of 100 (400 events, 4 records"));
        List<String> measured = lines.stream()
                .map(ROW::matcher)
                .filter(Matcher::matches)
                .map(m -> {
                    if (!m.group(1).contains("per CPU-s (start-up off)")) {
                        assertTrue(Double.parseDouble(m.group(2).replace(",", "")) > 0, m.group());
                    }
                    return m.group(1);
                })
                .collect(Collectors.toList());
        List<String> perWorkload = List.of(
                "decode limit, 1 thread, per CPU-s",
                "unpack + classify + normalize, 1 thread, per CPU-s",
                "+ rules (all of them), 1 thread, per CPU-s",
                "+ Parquet encoding, 1 thread, per CPU-s",
                "whole job p=1, per CPU-s (start-up off)",
                "whole job p=1, wall clock");
        assertEquals(
                java.util.stream.Stream.of(perWorkload, perWorkload, perWorkload)
                        .flatMap(List::stream)
                        .collect(Collectors.toList()),
                measured);
    }
}
