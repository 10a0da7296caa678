package dev.streamwarden.launcher.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code bench}: throughput of each stage on one thread against the decode limit of the same input, and of the
 * whole job on a MiniCluster, for flow-log payloads of 2,000 and 20,000 lines and CloudTrail batches; the stateful
 * rules' state with many live keys on each backend ({@link StateBench}); alert latency through the Kinesis emulator
 * ({@link LatencyBench}); one table.
 */
public final class BenchCommand {
    /** What to measure. */
    public static final class Options {
        /** Flow-log events of each flow workload (CloudTrail: a tenth of it); at least two records each. */
        public long events = 1_000_000;
        /** CPU seconds per stage measurement. */
        public double seconds = 3;
        /** Parallelisms of the whole-job runs; none skips them. */
        public List<Integer> parallelisms = List.of(1, 2);
        /** Whole-job runs per parallelism; the median is shown. */
        public int runs = 3;
        /** When set, only the workloads' dumps (KEY.json and KEY-one.json) are written there. */
        public Path dumpTo;
        /** The workloads to run by key ({@link #WORKLOADS}); empty runs them all. */
        public List<String> workloads = List.of();
        /** State backends the {@link #STATE} workload runs on. */
        public List<String> backends = BACKENDS;
        /** Port scans the {@link #LATENCY} workload times, one every two seconds. */
        public int scans = 30;
        /** Flow events per second the {@link #LATENCY} workload puts around its scans. */
        public int latencyEventsPerSecond = 5_000;
        /** How long the {@link #LATENCY} workload waits for its first alert, and for the last scans' alerts. */
        public Duration latencyPatience = Duration.ofMinutes(1);
        /** Where the Kinesis emulator is installed (and kept for the next run). */
        public Path emulatorDir = Path.of("target");
    }

    /** The state backends the {@link #STATE} workload can run on. */
    public static final List<String> BACKENDS = List.of("hashmap", "rocksdb");
    /** The keyed-state workload: {@code events} live keys, half per stateful rule. */
    public static final String STATE = "state";
    /** The alert-latency workload: port scans through the Kinesis emulator to a Slack stand-in. */
    public static final String LATENCY = "latency";
    /** The workload keys, in the order they run. */
    public static final List<String> WORKLOADS =
            List.of("vpc_flow-2000", "vpc_flow-20000", "cloudtrail-100", STATE, LATENCY);

    private final PrintStream out;

    public BenchCommand(PrintStream out) {
        this.out = out;
    }

    public void run(Options options) throws Exception {
        List<BenchWorkload> workloads = new ArrayList<>();
        for (String key : WORKLOADS) {
            if (!key.equals(STATE)
                    && !key.equals(LATENCY)
                    && (options.workloads.isEmpty() || options.workloads.contains(key))) {
                workloads.add(workload(key, options.events));
            }
        }
        boolean state = options.workloads.isEmpty() || options.workloads.contains(STATE);
        boolean latency = options.workloads.isEmpty() || options.workloads.contains(LATENCY);
        if (options.dumpTo != null) {
            JobBench writer = new JobBench(Files.createDirectories(options.dumpTo));
            for (BenchWorkload workload : workloads) {
                out.println("wrote " + writer.dump(workload) + " and " + writer.dump(workload.first()));
            }
            return;
        }
        out.printf(
                "streamwarden bench, %s; %s %s; %s, %d cores%n",
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"),
                cpuModel(),
                Runtime.getRuntime().availableProcessors());
        out.printf("%-58s %14s %9s %9s%n", "workload / measured", "events/s", "MB/s in", "x decode");
        StageBench stages = new StageBench();
        Path dir = Files.createTempDirectory("streamwarden-bench");
        try {
            JobBench jobs = new JobBench(dir);
            for (BenchWorkload workload : workloads) {
                double bytesPerEvent = (double) workload.bytes() / workload.events;
                out.printf(
                        "%s (%,d events, %,d records, %.1f MB)%n",
                        workload.name, workload.events, workload.records.size(), workload.bytes() / 1e6);
                double decode = 0;
                for (StageBench.Stage stage : StageBench.Stage.values()) {
                    double rate = stages.eventsPerCpuSecond(stage, workload, options.seconds);
                    decode = stage == StageBench.Stage.DECODE ? rate : decode;
                    row(stage.label + ", 1 thread, per CPU-s", rate, bytesPerEvent, decode);
                    if (stage == StageBench.Stage.LAKE) {
                        out.printf("  %-56s %,14.1f%n", "  Parquet bytes per event (Snappy)", stages.lakeBytesPerEvent);
                    }
                }
                for (int parallelism : options.parallelisms) {
                    JobRates rates = job(jobs, workload, parallelism, options.runs);
                    row(
                            "whole job p=" + parallelism + ", per CPU-s (start-up off)",
                            rates.perCpuSecond,
                            bytesPerEvent,
                            decode);
                    row("whole job p=" + parallelism + ", wall clock", rates.perWallSecond, bytesPerEvent, decode);
                }
            }
            if (state) {
                state(new StateBench((int) Math.max(1, options.events / 2)), options.backends, dir);
            }
            if (latency) {
                latency(options, dir);
            }
            out.printf(
                    "%nper CPU-s: events per second of CPU time (stages: the measuring thread; whole job: the process,"
                            + " less a one-record run of the same job). MB/s in: compressed record bytes.%n");
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private void state(StateBench bench, List<String> backends, Path dir) throws Exception {
        out.printf(
                "state: %,d live keys (vpc_flow_port_scan and ssh_brute_force, one window per source), p=1, %s managed"
                        + " memory%n",
                bench.keys(), StateBench.MANAGED_MEMORY);
        out.printf(
                "  %-22s %9s %9s %10s  %-11s %9s %10s %9s %9s %9s%n",
                "backend",
                "ingest s",
                "heap MB",
                "RSS MB all",
                "checkpoint",
                "state MB",
                "written MB",
                "ms",
                "sync ms",
                "async ms");
        for (String backend : backends) {
            StateBench.Result r = bench.run(backend, dir);
            String name = backend.equals("rocksdb") ? "rocksdb (incremental)" : backend;
            out.printf(
                    "  %-22s %9.1f %9.0f %10.0f  %s%n",
                    name, r.ingestSeconds, r.heapBytes / 1e6, r.residentBytes / 1e6, checkpoint("1st", r.first));
            out.printf("  %-22s %9s %9s %10s  %s%n", "", "", "", "", checkpoint("2nd", r.second));
        }
    }

    private static String checkpoint(String which, StateBench.Checkpoint c) {
        return String.format(
                "%-11s %9.1f %10.1f %9d %9d %9d",
                which, c.stateBytes / 1e6, c.writtenBytes / 1e6, c.durationMillis, c.syncMillis, c.asyncMillis);
    }

    private void latency(Options options, Path dir) throws Exception {
        LatencyBench.Result r = new LatencyBench(options.emulatorDir, options.latencyPatience)
                .run(options.latencyEventsPerSecond, options.scans, dir.resolve("latency"));
        out.printf(
                "alert latency: %,d flow events/s through the Kinesis emulator (2 shards, p=2), PutRecord to the Slack"
                        + " stand-in%n",
                r.eventsPerSecond);
        out.printf("  %-22s %9s %9s %9s %9s %9s%n", "port scans", "alerted", "p50 ms", "p90 ms", "p99 ms", "max ms");
        out.printf(
                "  %-22d %9d %9d %9d %9d %9d%n",
                r.scans, r.alerted(), r.percentile(0.5), r.percentile(0.9), r.percentile(0.99), r.percentile(1.0));
    }

    /** The workload of {@code key} ({@link #WORKLOADS}) for {@code events} flow events (CloudTrail: a tenth). */
    private static BenchWorkload workload(String key, long events) throws IOException {
        switch (key) {
            case "vpc_flow-2000":
                return BenchWorkload.flowLogs((int) Math.max(2, events / 2_000), 2_000);
            case "vpc_flow-20000":
                return BenchWorkload.flowLogs((int) Math.max(2, events / 20_000), 20_000);
            case "cloudtrail-100":
                return BenchWorkload.cloudTrail((int) Math.max(2, events / 10 / 100), 100);
            default:
                throw new IllegalArgumentException("no workload " + key);
        }
    }

    private void row(String measured, double eventsPerSecond, double bytesPerEvent, double decode) {
        if (Double.isNaN(eventsPerSecond)) {
            out.printf("  %-56s %14s %9s %9s%n", measured, "n/a", "n/a", "n/a");
            return;
        }
        out.printf(
                "  %-56s %,14.0f %9.1f %9.2f%n",
                measured, eventsPerSecond, eventsPerSecond * bytesPerEvent / 1e6, eventsPerSecond / decode);
    }

    private static final class JobRates {
        final double perCpuSecond;
        final double perWallSecond;

        JobRates(double perCpuSecond, double perWallSecond) {
            this.perCpuSecond = perCpuSecond;
            this.perWallSecond = perWallSecond;
        }
    }

    /** Medians over {@code runs}, each less a one-record run (start-up, first checkpoint, shutdown). */
    private static JobRates job(JobBench jobs, BenchWorkload workload, int parallelism, int runs) throws Exception {
        String name = workload.key;
        Path full = jobs.dump(workload);
        BenchWorkload one = workload.first();
        Path small = jobs.dump(one);
        double[] perCpu = new double[runs];
        double[] perWall = new double[runs];
        for (int i = 0; i < runs; i++) {
            JobBench.Cost startUp = jobs.run(small, parallelism, name + "-one-" + i);
            JobBench.Cost cost = jobs.run(full, parallelism, name + "-" + i);
            long events = workload.events - one.events;
            double beyondStartUp = cost.cpuSeconds - startUp.cpuSeconds;
            // On a tiny input the one-record run can cost as much: no figure then, rather than a wild one.
            perCpu[i] = beyondStartUp > 0 ? events / beyondStartUp : Double.NaN;
            perWall[i] = workload.events / cost.wallSeconds;
        }
        return new JobRates(median(perCpu), median(perWall));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1
                ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException notLinux) {
            return System.getProperty("os.arch");
        }
    }
}
