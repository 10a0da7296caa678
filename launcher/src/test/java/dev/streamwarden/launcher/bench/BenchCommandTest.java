package dev.streamwarden.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.job.source.KinesisDumpReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
@Timeout(600)
class BenchCommandTest {
    /** A measured row; a whole-job per-CPU row may be n/a on an input this small (start-up costs as much). */
    private static final Pattern ROW = Pattern.compile("^  (.+?)\\s+([\\d,]+|n/a)\\s+([\\d.]+|n/a)\\s+([\\d.]+|n/a)$");

    /** A state row: backend (blank on a second checkpoint's row), its figures, and one checkpoint's. */
    private static final Pattern STATE_ROW =
            Pattern.compile("^  (hashmap|rocksdb \\(incremental\\)|)\\s+(?:[\\d.]+\\s+-?[\\d.]+"
                    + "\\s+[\\d.]+\\s+)?(1st|2nd)\\s+([\\d.]+)\\s+([\\d.]+)\\s+\\d+\\s+\\d+\\s+\\d+$");

    @TempDir
    Path tmp;

    @Test
    void refusesMoreStateSourcesThanItHasDistinctAddresses() {
        IllegalArgumentException tooMany =
                assertThrows(IllegalArgumentException.class, () -> new StateBench(StateBench.MAX_SOURCES + 1));
        assertEquals(
                "the state workload has at most 4,194,304 distinct sources (--events 8,388,608), not 4,194,305",
                tooMany.getMessage());
    }

    @Test
    void timesPortScanAlertsThroughTheEmulator() throws Exception {
        BenchCommand.Options options = new BenchCommand.Options();
        options.workloads = List.of(BenchCommand.LATENCY);
        options.scans = 2;
        // Waiting is not what is tested: the test's own timeout bounds a lost alert.
        options.latencyPatience = Duration.ofMinutes(10);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new BenchCommand(new PrintStream(text, true, StandardCharsets.UTF_8)).run(options);
        List<String> lines = text.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        int latency = lines.indexOf("alert latency: 5,000 flow events/s through the Kinesis emulator (2 shards, p=2),"
                + " PutRecord to the Slack stand-in");
        assertTrue(latency > 0, String.join("\n", lines));
        Matcher row = Pattern.compile("^  2\\s+2\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$")
                .matcher(lines.get(latency + 2));
        assertTrue(row.matches(), "both scans alerted: " + lines.get(latency + 2));
        long p50 = Long.parseLong(row.group(1));
        long max = Long.parseLong(row.group(4));
        assertTrue(p50 > 0 && p50 <= max, row.group());
    }

    private static double megabytes(Matcher row, int group) {
        return Double.parseDouble(row.group(group));
    }

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
        options.workloads = List.of("vpc_flow-2000", "vpc_flow-20000", "cloudtrail-100", BenchCommand.STATE);
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        new BenchCommand(new PrintStream(text, true, StandardCharsets.UTF_8)).run(options);
        List<String> lines = text.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());

        List<String> workloads =
                lines.stream().filter(l -> l.contains(" events, ")).collect(Collectors.toList());
        assertEquals(3, workloads.size(), String.join("\n", lines));
        assertTrue(workloads.get(0).startsWith("vpc_flow: CWL payloads of 2,000 lines (4,000 events, 2 records"));
        assertTrue(workloads.get(1).startsWith("vpc_flow: CWL payloads of 20,000 lines (40,000 events, 2 records"));
        assertTrue(workloads.get(2).startsWith("cloudtrail: Records[] of 100 (400 events, 4 records"));
        // The throughput rows come before the state workload's own table.
        int state = lines.indexOf("state: 4,000 live keys (vpc_flow_port_scan and ssh_brute_force, one window per"
                + " source), p=1, " + StateBench.MANAGED_MEMORY + " managed memory");
        assertTrue(state > 0, String.join("\n", lines));
        List<String> measured = lines.subList(0, state).stream()
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

        // The state workload ran on both backends with every key live (StateBench refuses figures otherwise).
        List<Matcher> rows = new ArrayList<>();
        for (String line : lines.subList(state + 2, state + 6)) {
            Matcher m = STATE_ROW.matcher(line);
            assertTrue(m.matches(), line);
            rows.add(m);
        }
        assertEquals(
                List.of("hashmap 1st", "hashmap 2nd", "rocksdb (incremental) 1st", "rocksdb (incremental) 2nd"),
                List.of(
                        rows.get(0).group(1) + " " + rows.get(0).group(2),
                        "hashmap " + rows.get(1).group(2),
                        rows.get(2).group(1) + " " + rows.get(2).group(2),
                        "rocksdb (incremental) " + rows.get(3).group(2)));
        for (int i = 0; i < 4; i++) {
            assertTrue(megabytes(rows.get(i), 3) > 0, rows.get(i).group());
        }
        // The heap backend has no incremental checkpoints: each writes all of its state.
        assertEquals(megabytes(rows.get(0), 3), megabytes(rows.get(0), 4));
        assertEquals(megabytes(rows.get(1), 3), megabytes(rows.get(1), 4));
        assertEquals(megabytes(rows.get(0), 3), megabytes(rows.get(1), 3), "no state changed between the two");
        // RocksDB's first checkpoint writes every file; the second has nothing new to write.
        assertEquals(megabytes(rows.get(2), 3), megabytes(rows.get(2), 4));
        assertEquals(0.0, megabytes(rows.get(3), 4));
    }
}
