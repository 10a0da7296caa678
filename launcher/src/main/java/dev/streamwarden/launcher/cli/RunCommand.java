package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.PropertyGroups;
import dev.streamwarden.job.config.StreamwardenConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** {@code run [--config FILE]}: unbounded, against the configured stream and outputs, in an embedded Flink. */
final class RunCommand {
    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("config", "from-savepoint"));
        Path configFile = Path.of(args.get("config", PropertyGroups.MANAGED_FLINK_FILE.toString()));
        if (!Files.isRegularFile(configFile)) {
            throw new Args.UsageException(
                    args.options.containsKey("config")
                            ? configFile + " not found"
                            : "run needs --config FILE (the runtime properties) outside Managed Flink");
        }
        StreamwardenConfig config = StreamwardenConfig.fromPropertyGroups(
                        PropertyGroups.read(configFile), System.getenv())
                .resolveSecrets();

        Configuration conf = LocalRuntime.configuration();
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (args.options.containsKey("from-savepoint")) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, args.get("from-savepoint", null));
        }
        StreamExecutionEnvironment env = LocalRuntime.environment(conf);
        StreamwardenJob.build(env, config);
        env.execute("streamwarden");
        return 0;
    }
}
