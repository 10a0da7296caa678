package dev.streamwarden.launcher;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.StreamwardenConfig;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** How the whole-job ITs run the job on a MiniCluster. */
final class TestJobs {
    /** What a failure does: fail the test, or restart with backoff as a deployment would (the outage tests). */
    enum Restarts {
        NONE,
        WITH_BACKOFF
    }

    private TestJobs() {}

    /** {@code base} plus a checkpoint every second (the sinks commit on them), restarts, parallelism. */
    static Configuration configure(Configuration base, int parallelism, Restarts restarts) {
        base.setString("execution.checkpointing.interval", "1 s");
        base.setString("parallelism.default", Integer.toString(parallelism));
        if (restarts == Restarts.NONE) {
            base.setString("restart-strategy.type", "none");
        } else {
            base.setString("restart-strategy.type", "exponential-delay");
            base.setString("restart-strategy.exponential-delay.initial-backoff", "1s");
            base.setString("restart-strategy.exponential-delay.max-backoff", "10s");
        }
        return base;
    }

    /** The job on a MiniCluster of {@code conf}, without Kryo (every type a Flink POJO), started. */
    static JobClient start(Configuration conf, StreamwardenConfig config, String name) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.getConfig().disableGenericTypes();
        StreamwardenJob.build(env, config);
        return env.executeAsync(name);
    }
}
