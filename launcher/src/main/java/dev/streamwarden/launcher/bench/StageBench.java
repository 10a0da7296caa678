package dev.streamwarden.launcher.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Rule;
import dev.streamwarden.job.classify.Classifier;
import dev.streamwarden.job.detect.RuleDispatcher;
import dev.streamwarden.job.lake.LakeParquet;
import dev.streamwarden.job.lake.LakeTables;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeadLetter;
import dev.streamwarden.job.model.RawEvent;
import dev.streamwarden.job.model.RawRecord;
import dev.streamwarden.job.model.RuleInput;
import dev.streamwarden.job.unpack.UnpackLimits;
import dev.streamwarden.job.unpack.UnpackOutput;
import dev.streamwarden.job.unpack.Unpacker;
import dev.streamwarden.rules.RuleCatalog;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.core.fs.FSDataOutputStream;

/**
 * The per-event work of the pipeline on one thread, stage by stage, each stage including the ones before it; and
 * the decode limit, the least any reader of the input must do (flow logs: gunzip, a streaming parse of logEvents,
 * each message split into its fields; CloudTrail: a streaming parse reading every string). Measured in CPU time of
 * the measuring thread after a warm-up, so what else the machine does changes the figures less; the GC and JIT
 * threads' time is not in it.
 */
final class StageBench {
    enum Stage {
        DECODE("decode limit"),
        CLASSIFY("unpack + classify + normalize"),
        RULES("+ rules (all of them)"),
        LAKE("+ Parquet encoding");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    private static final JsonFactory JSON = new JsonFactory();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Classifier classifier = Classifier.standard();
    private final Unpacker unpacker = new Unpacker(new UnpackLimits(64 << 20, 512 << 20, 1 << 20));
    private final RuleDispatcher dispatcher = new RuleDispatcher(RuleCatalog.all());
    private final LakeParquet lake = new LakeParquet(LakeTables.of(classifier.registry()));

    /** Parquet bytes per event of the last Parquet pass (the whole workload in one file per log type). */
    double lakeBytesPerEvent;

    /** Events per CPU-second of one thread for {@code stage} over {@code workload}, run for about {@code seconds}. */
    double eventsPerCpuSecond(Stage stage, BenchWorkload workload, double seconds) {
        // Warm-up, a third of the budget at least one pass: the JIT compiles what the stage runs.
        long warmUp = THREADS.getCurrentThreadCpuTime();
        do {
            pass(stage, workload);
        } while (THREADS.getCurrentThreadCpuTime() - warmUp < (long) (seconds * 1e9 / 3));
        long events = 0;
        long start = THREADS.getCurrentThreadCpuTime();
        long budget = (long) (seconds * 1e9);
        do {
            events += pass(stage, workload);
        } while (THREADS.getCurrentThreadCpuTime() - start < budget);
        return events / ((THREADS.getCurrentThreadCpuTime() - start) / 1e9);
    }

    /** One pass over the workload's records; returns the events seen. */
    long pass(Stage stage, BenchWorkload workload) {
        if (stage == Stage.DECODE) {
            long events = 0;
            for (byte[] record : workload.records) {
                events += workload.kind == BenchWorkload.Kind.VPC_FLOW ? decodeFlowLogs(record) : decodeRecords(record);
            }
            return events;
        }
        Pipeline pipeline = new Pipeline(stage);
        for (byte[] record : workload.records) {
            unpacker.unpack(new RawRecord("bench", "shardId-000000000000", null, "1", 0L, record), pipeline);
        }
        pipeline.finish();
        if (stage == Stage.LAKE) {
            lakeBytesPerEvent = (double) pipeline.lakeBytes() / pipeline.events;
        }
        return pipeline.events;
    }

    /** Unpack's output through classification and, by stage, rules and the lake's Parquet writers. */
    private final class Pipeline implements UnpackOutput, RuleDispatcher.Results {
        private final Stage stage;
        private final Map<String, BulkWriter<Event>> writers = new HashMap<>();
        private final List<DiscardingOutputStream> files = new ArrayList<>();
        long events;

        Pipeline(Stage stage) {
            this.stage = stage;
        }

        @Override
        public void event(RawEvent raw) {
            for (Event event : classifier.classify(raw).events()) {
                events++;
                if (stage.compareTo(Stage.RULES) >= 0) {
                    dispatcher.dispatch(event, this);
                }
                if (stage == Stage.LAKE) {
                    write(event);
                }
            }
        }

        private void write(Event event) {
            try {
                BulkWriter<Event> writer = writers.get(event.logType);
                if (writer == null) {
                    DiscardingOutputStream file = new DiscardingOutputStream();
                    files.add(file);
                    writer = lake.create(file);
                    writers.put(event.logType, writer);
                }
                writer.addElement(event);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        long lakeBytes() {
            long bytes = 0;
            for (DiscardingOutputStream file : files) {
                bytes += file.getPos();
            }
            return bytes;
        }

        void finish() {
            try {
                for (BulkWriter<Event> writer : writers.values()) {
                    writer.finish();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void deadLetter(DeadLetter.Cause cause, String reason, byte[] data) {}

        @Override
        public void controlMessage() {}

        @Override
        public void alert(MatchRule rule, Alert alert) {}

        @Override
        public void counted(RuleInput input) {}

        @Override
        public void sequenced(RuleInput input) {}

        @Override
        public void failed(Rule rule, Throwable error) {}
    }

    /** A CloudWatch Logs payload: gunzip, walk logEvents, split each message at its spaces. */
    private static long decodeFlowLogs(byte[] record) {
        long events = 0;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(record), 1 << 16);
                JsonParser parser = JSON.createParser(in)) {
            String[] fields = new String[14];
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME && "message".equals(parser.currentName())) {
                    parser.nextToken();
                    split(parser.getText(), fields);
                    events++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    private static void split(String line, String[] fields) {
        int from = 0;
        for (int i = 0; i < fields.length; i++) {
            int space = line.indexOf(' ', from);
            int end = space < 0 ? line.length() : space;
            fields[i] = line.substring(from, end);
            from = end + 1;
        }
    }

    /** A Records[] batch: a streaming parse that reads every value; one event per element of Records. */
    private static long decodeRecords(byte[] record) {
        long events = 0;
        try (JsonParser parser = JSON.createParser(record)) {
            int depth = 0;
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token.isStructStart()) {
                    depth++;
                    // The batch object, its Records array, an element: an event.
                    events += token == JsonToken.START_OBJECT && depth == 3 ? 1 : 0;
                } else if (token.isStructEnd()) {
                    depth--;
                } else if (token == JsonToken.VALUE_STRING) {
                    parser.getText();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return events;
    }

    /** Where encoded Parquet goes: nowhere, counting bytes (the writer asks for its position). */
    private static final class DiscardingOutputStream extends FSDataOutputStream {
        private long position;

        @Override
        public long getPos() {
            return position;
        }

        @Override
        public void write(int b) {
            position++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            position += len;
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {}
    }
}
