package dev.streamwarden.launcher.fuzz;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.RawRecord;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole job over fuzzed records: generated on the fly (record {@code i} from the seed), so a run of a million
 * records needs no input files. Outputs go under one directory, as {@code replay} writes them.
 */
public final class FuzzRun {
    private FuzzRun() {}

    /** Runs the job over records {@code 0..count-1} and returns its result once every output is committed. */
    public static JobExecutionResult execute(StreamExecutionEnvironment env, FuzzRecords records, long count, Path out)
            throws Exception {
        StreamwardenConfig config = StreamwardenConfig.builder()
                .set(ConfigKeys.SOURCE_NAME, FuzzRecords.SOURCE)
                .set(ConfigKeys.OUTPUT_LAKE, lake(out).toUri().toString())
                .set(ConfigKeys.OUTPUT_ALERTS, out.resolve("alerts").toUri().toString())
                .set(ConfigKeys.OUTPUT_DEAD_LETTER, deadLetter(out).toUri().toString())
                .buildUnchecked();
        DataStream<RawRecord> generated = env.fromSequence(0, count - 1)
                .map(new Generate(records))
                .returns(RawRecord.class)
                .name("Fuzzed records");
        StreamwardenJob.build(env, config, generated);
        return env.execute("streamwarden-fuzz");
    }

    public static Path lake(Path out) {
        return out.resolve("lake");
    }

    public static Path deadLetter(Path out) {
        return out.resolve("dead-letter");
    }

    /** Record i of the run. */
    private static final class Generate implements MapFunction<Long, RawRecord> {
        private static final long serialVersionUID = 1L;
        private final FuzzRecords records;

        Generate(FuzzRecords records) {
            this.records = records;
        }

        @Override
        public RawRecord map(Long index) {
            return records.record(index).record;
        }
    }
}
