package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** {@code replay --out DIR FILE...}: the full job over captured files, bounded. */
final class ReplayCommand {
    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("out", "source", "slack-webhook"));
        if (!args.options.containsKey("out") || args.positional.isEmpty()) {
            throw new Args.UsageException("replay needs --out DIR and at least one FILE");
        }
        StreamwardenConfig.Builder builder = StreamwardenConfig.builder();
        builder.set(ConfigKeys.SOURCE_TYPE, StreamwardenConfig.SourceType.REPLAY);
        builder.set(ConfigKeys.SOURCE_NAME, args.get("source", "replay"));
        List<String> files = new ArrayList<>();
        for (String file : args.positional) {
            Path path = Path.of(file).toAbsolutePath();
            if (!Files.isRegularFile(path)) {
                throw new Args.UsageException("no such file: " + file);
            }
            if (file.contains(",")) {
                // replay.files is a comma-separated list.
                throw new Args.UsageException("replay cannot read a file whose name has a comma: " + file);
            }
            files.add(path.toUri().toString());
        }
        builder.set(ConfigKeys.REPLAY_FILES, files);
        StreamwardenConfig config = Outputs.local(Path.of(args.get("out", ".")), builder, args);

        StreamExecutionEnvironment env =
                LocalRuntime.environment(LocalRuntime.failingFast(LocalRuntime.configuration()));
        StreamwardenJob.build(env, config);
        JobExecutionResult result = env.execute("streamwarden-replay");
        new Summary(result.getAllAccumulatorResults())
                .print(System.out, config.lakePath(), config.alertsPath(), config.deadLetterPath());
        return 0;
    }
}
