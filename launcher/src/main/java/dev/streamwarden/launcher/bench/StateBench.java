package dev.streamwarden.launcher.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.Detection;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.launcher.local.SampleData;
import dev.streamwarden.rules.RuleCatalog;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.CheckpointType;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.functions.source.SourceFunction;

/**
 * The keyed state of the threshold and distinct-count rules with many live keys: the real {@link Detection} on a
 * MiniCluster at parallelism 1, fed VPC flow REJECT lines and sshd "Failed password" lines from as many distinct
 * sources within one minute of event time, so each source opens one window of {@code vpc_flow_port_scan} and one of
 * {@code ssh_brute_force} and none fires. Once every record is in, one checkpoint drains the input (its barrier
 * follows the last record), then a second one with nothing processed in between; for both, the state's size, what
 * the checkpoint wrote and its duration; the heap the live state took (used heap after GC, live state less the lower
 * of before the job and after it) and the process's resident memory with the state live (heap, RocksDB's native
 * memory, everything; not a delta).
 */
final class StateBench {
    /** 2026-11-28T10:00:00Z, the minute every event falls in. */
    private static final long MINUTE = 1_764_324_000L;

    private static final int LINES_PER_RECORD = 2_000;
    /** The sshd sources are 100.64.0.0/10, the flow sources 10.0.0.0/8: this many are distinct in both. */
    static final int MAX_SOURCES = 1 << 22;
    /** Managed memory of the one slot. */
    static final String MANAGED_MEMORY = "512m";
    /** The keyed operator whose state is measured (Detection's name for it). */
    private static final String WINDOW_COUNT = "Threshold and distinct-count rules";

    /** One checkpoint of the keyed operator. */
    static final class Checkpoint {
        /** The operator's whole state. */
        final long stateBytes;
        /** What this checkpoint wrote (incremental: only what changed since the last one). */
        final long writtenBytes;

        final long durationMillis;
        final long syncMillis;
        final long asyncMillis;

        Checkpoint(TaskStateStats stats, long durationMillis) {
            SubtaskStateStats subtask = stats.getSubtaskStats()[0];
            this.stateBytes = stats.getStateSize();
            this.writtenBytes = stats.getCheckpointedSize();
            this.durationMillis = durationMillis;
            this.syncMillis = subtask.getSyncCheckpointDuration();
            this.asyncMillis = subtask.getAsyncCheckpointDuration();
        }
    }

    /** What one backend measured. */
    static final class Result {
        final double ingestSeconds;
        final long heapBytes;
        final long residentBytes;
        /** Right after the input: its barrier follows the last record (RocksDB: every file is new). */
        final Checkpoint first;
        /** The next, nothing processed in between: every key live, nothing new to write incrementally. */
        final Checkpoint second;

        Result(double ingestSeconds, long heapBytes, long residentBytes, Checkpoint first, Checkpoint second) {
            this.ingestSeconds = ingestSeconds;
            this.heapBytes = heapBytes;
            this.residentBytes = residentBytes;
            this.first = first;
            this.second = second;
        }
    }

    private final int sources;
    private final List<byte[]> records;

    /** The input for {@code sources} distinct sources (two keys each, one per rule). */
    StateBench(int sources) {
        if (sources > MAX_SOURCES) {
            throw new IllegalArgumentException(String.format(
                    "the state workload has at most %,d distinct sources (--events %,d), not %,d",
                    MAX_SOURCES, 2L * MAX_SOURCES, sources));
        }
        this.sources = sources;
        this.records = new ArrayList<>();
        List<String> flows = new ArrayList<>(LINES_PER_RECORD);
        List<String> logins = new ArrayList<>(LINES_PER_RECORD);
        for (int i = 0; i < sources; i++) {
            long start = MINUTE + i % 60;
            flows.add(SampleData.flowLine(
                    "10." + (i >>> 16 & 255) + '.' + (i >>> 8 & 255) + '.' + (i & 255),
                    "10.200.0.10",
                    1024 + i % 60000,
                    22,
                    6,
                    1,
                    40,
                    start,
                    "REJECT"));
            logins.add(String.format(
                    "Nov 28 10:00:%02d bastion-4 sshd[%d]: Failed password for invalid user admin from 100.%d.%d.%d"
                            + " port %d ssh2",
                    i % 60, 1000 + i % 30000, 64 + (i >>> 16 & 63), i >>> 8 & 255, i & 255, 1024 + i % 60000));
            if (flows.size() == LINES_PER_RECORD || i == sources - 1) {
                records.add(cloudWatchLogs("vpc-flow-logs", "eni-0a1b2c3d4e5f6a7b8-all", flows));
                records.add(cloudWatchLogs("/var/log/secure", "bastion-4", logins));
                flows.clear();
                logins.clear();
            }
        }
    }

    /** Keys the input opens: one per source and rule. */
    long keys() {
        return 2L * sources;
    }

    /** Runs the input on {@code backend} ({@code hashmap} or {@code rocksdb}, incremental), checkpoints under dir. */
    Result run(String backend, Path dir) throws Exception {
        Configuration conf = new Configuration();
        conf.setString("state.backend.type", backend);
        conf.setString("state.backend.incremental", "true");
        conf.setString(
                "state.checkpoints.dir",
                Files.createDirectories(dir.resolve(backend)).toUri().toString());
        // Checkpoints on, none periodic within the run: the bench triggers the two it measures.
        conf.setString("execution.checkpointing.interval", "1 h");
        conf.setString("restart-strategy.type", "none");
        conf.setString("rest.bind-port", "0"); // any free port: a local run may hold Flink's 8081
        conf.setString("parallelism.default", "1");
        // RocksDB's block cache and write buffers come out of managed memory (Flink's local default is 128 MB).
        conf.setString("taskmanager.memory.managed.size", MANAGED_MEMORY);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        String run = "state-" + backend + "-" + System.nanoTime();
        HeldRecords.Gate gate = HeldRecords.open(run, records);
        Detection detection = Detection.define(
                env.addSource(new HeldRecords(run), "Held records", TypeInformation.of(RawRecord.class))
                        .setParallelism(1),
                StreamwardenConfig.builder()
                        .set(ConfigKeys.PROCESSING_PARALLELISM, 1)
                        // Clean-up timers (window + out-of-orderness after a key's event) must not empty the state
                        // before it is measured, however slow the machine.
                        .set(ConfigKeys.PROCESSING_MAX_OUT_OF_ORDERNESS, Duration.ofHours(1))
                        .set(ConfigKeys.PROCESSING_STATE_TTL, Duration.ofHours(2))
                        .buildUnchecked(),
                RuleCatalog.all());
        detection.alerts.sinkTo(new DiscardingSink<>());
        detection.deadLetters.sinkTo(new DiscardingSink<>());
        JobGraph graph = env.getStreamGraph().getJobGraph();

        MiniClusterConfiguration cluster = new MiniClusterConfiguration.Builder()
                .setConfiguration(conf)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(1)
                .build();
        double ingestSeconds;
        long heapBefore;
        long heapLive;
        long resident;
        Checkpoint first;
        Checkpoint second;
        try (MiniCluster mini = new MiniCluster(cluster)) {
            mini.start();
            heapBefore = usedHeapAfterGc();
            long started = System.nanoTime();
            JobID job = mini.submitJob(graph).get().getJobID();
            // A checkpoint needs every task running; the source can be done before the last one is deployed.
            while (!gate.emitted.await(100, TimeUnit.MILLISECONDS)
                    || !allRunning(mini.getExecutionGraph(job).get())) {
                JobStatus status = mini.getJobStatus(job).get();
                if (status.isGloballyTerminalState()) {
                    throw new IllegalStateException("the state bench's job ended before its input was in: " + status
                            + " " + mini.requestJobResult(job).get().getSerializedThrowable());
                }
            }
            // The barrier follows the last record: once this completes, every record's state is in.
            long firstId = mini.triggerCheckpoint(job, CheckpointType.DEFAULT).get();
            ingestSeconds = (System.nanoTime() - started) / 1e9;
            heapLive = usedHeapAfterGc();
            resident = residentBytes();
            long secondId = mini.triggerCheckpoint(job, CheckpointType.DEFAULT).get();
            first = checkpoint(mini, job, firstId);
            second = checkpoint(mini, job, secondId);
            gate.release.countDown();
            checkWorkload(mini.requestJobResult(job).get());
        } finally {
            HeldRecords.close(run);
        }
        return new Result(
                ingestSeconds,
                // What the live state held on the heap, over the lower of before the job and after its cluster closed:
                // a closed cluster's state stays reachable for a while (a previous run's, before; this one's, after).
                heapLive - Math.min(heapBefore, usedHeapAfterGc()),
                resident,
                first,
                second);
    }

    /** The keyed operator's part of a completed checkpoint, once its statistics say so (they follow it). */
    private static Checkpoint checkpoint(MiniCluster mini, JobID job, long id) throws Exception {
        while (true) {
            AccessExecutionGraph graph = mini.getExecutionGraph(job).get();
            AbstractCheckpointStats stats =
                    graph.getCheckpointStatsSnapshot().getHistory().getCheckpointById(id);
            if (stats != null && stats.getStatus() == CheckpointStatsStatus.COMPLETED) {
                return new Checkpoint(
                        stats.getTaskStateStats(vertex(graph, WINDOW_COUNT)), stats.getEndToEndDuration());
            }
            if (stats != null && stats.getStatus() == CheckpointStatsStatus.FAILED) {
                throw new IllegalStateException("checkpoint " + id + " of the state bench failed");
            }
            Thread.sleep(50);
        }
    }

    /** The figures mean something only if every line classified and no window fired. */
    private void checkWorkload(JobResult result) throws Exception {
        if (!result.isSuccess()) {
            throw new IllegalStateException("the state bench's job failed: "
                    + result.getSerializedThrowable().map(Throwable::getMessage).orElse("?"));
        }
        Map<String, Object> counts =
                result.toJobExecutionResult(getClass().getClassLoader()).getAllAccumulatorResults();
        long flows = count(counts, "events.vpc_flow");
        long logins = count(counts, "events.sshd");
        long alerts = counts.entrySet().stream()
                .filter(e -> e.getKey().startsWith("alerts."))
                .mapToLong(e -> ((Number) e.getValue()).longValue())
                .sum();
        if (flows != sources || logins != sources || alerts != 0) {
            throw new IllegalStateException(String.format(
                    "the state bench's input did not open %,d keys: %,d flow events, %,d sshd events, %,d alerts",
                    keys(), flows, logins, alerts));
        }
    }

    private static long count(Map<String, Object> counts, String name) {
        Object value = counts.get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static boolean allRunning(AccessExecutionGraph graph) {
        for (AccessExecutionVertex task : graph.getAllExecutionVertices()) {
            if (task.getExecutionState() != ExecutionState.RUNNING) {
                return false;
            }
        }
        return true;
    }

    private static org.apache.flink.runtime.jobgraph.JobVertexID vertex(AccessExecutionGraph graph, String name) {
        for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
            if (vertex.getName().contains(name)) {
                return vertex.getJobVertexId();
            }
        }
        throw new IllegalStateException("no operator named " + name + " in the state bench's job");
    }

    private static byte[] cloudWatchLogs(String logGroup, String logStream, List<String> messages) {
        ObjectNode payload = SampleData.cloudWatchLogsPayload(SampleData.ACCOUNT, logGroup, logStream, "to-kinesis");
        ArrayNode events = (ArrayNode) payload.get("logEvents");
        for (int i = 0; i < messages.size(); i++) {
            ObjectNode event = events.addObject();
            event.put("id", Integer.toString(i));
            event.put("timestamp", (MINUTE + 60) * 1000);
            event.put("message", messages.get(i));
        }
        return SampleData.gzip(payload.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resident set size of this process (heap, RocksDB's native memory, everything), 0 where /proc is absent. */
    private static long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // The figure is left out rather than made up.
        }
        return 0;
    }

    /**
     * The records, then nothing until the bench has measured: a source that ended would end the job, and its
     * state, before the checkpoint. The records and the gate are in this process (the MiniCluster's), found by the
     * run's name, rather than serialized into the job graph.
     */
    static final class HeldRecords implements SourceFunction<RawRecord> {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Gate> GATES = new ConcurrentHashMap<>();

        static final class Gate {
            final List<byte[]> records;
            final CountDownLatch emitted = new CountDownLatch(1);
            final CountDownLatch release = new CountDownLatch(1);

            Gate(List<byte[]> records) {
                this.records = records;
            }
        }

        private final String run;
        private volatile boolean cancelled;

        HeldRecords(String run) {
            this.run = run;
        }

        static Gate open(String run, List<byte[]> records) {
            Gate gate = new Gate(records);
            GATES.put(run, gate);
            return gate;
        }

        static void close(String run) {
            Gate gate = GATES.remove(run);
            if (gate != null) {
                gate.release.countDown();
            }
        }

        @Override
        public void run(SourceContext<RawRecord> ctx) throws InterruptedException {
            Gate gate = GATES.get(run);
            long sequence = 0;
            for (byte[] data : gate.records) {
                if (cancelled) {
                    return;
                }
                synchronized (ctx.getCheckpointLock()) {
                    sequence++;
                    ctx.collect(new RawRecord(
                            "bench", "state", "k" + sequence, Long.toString(sequence), (MINUTE + 61) * 1000, data));
                }
            }
            gate.emitted.countDown();
            while (!cancelled && !gate.release.await(100, TimeUnit.MILLISECONDS)) {
                // Held open: checkpoints go on while the bench measures.
            }
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
