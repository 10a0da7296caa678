package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.PropertyGroups;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.launcher.status.StatusReporter;
import dev.streamwarden.launcher.status.StatusReporterFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code run [--config FILE] [--from-savepoint PATH]}: unbounded, against the configured stream and outputs, in an
 * embedded Flink. Checks the stream can be read before starting; prints a status line every few seconds; Ctrl-C
 * stops the job with a savepoint and prints how to resume from it.
 */
final class RunCommand {
    private static final String STATUS_INTERVAL = "5 s";

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
        KinesisPreflight.check(config);

        Configuration conf = LocalRuntime.configuration();
        conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        conf.setString("metrics.reporter.status.factory.class", StatusReporterFactory.class.getName());
        conf.setString("metrics.reporter.status.interval", STATUS_INTERVAL);
        if (args.options.containsKey("from-savepoint")) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, args.get("from-savepoint", null));
        }
        StreamExecutionEnvironment env = LocalRuntime.watchedEnvironment(conf, System.out);
        StreamwardenJob.build(env, config);

        // Ctrl-C (and TERM) asks for a savepoint instead of ending the JVM under the running job.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        JobClient job = env.executeAsync("streamwarden");
        RunFiles files = RunFiles.under(LocalRuntime.home());
        files.writePid();
        System.out.println("Running " + job.getJobID() + "; a status line every " + STATUS_INTERVAL
                + ", Ctrl-C stops with a savepoint.");
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        while (!result.isDone() && !stop.await(500, TimeUnit.MILLISECONDS)) {
            // waiting for the job to end or for Ctrl-C
        }
        if (result.isDone()) {
            files.removePid();
            result.get(); // the job's failure, if it failed
            return 0;
        }
        // A second Ctrl-C ends the JVM at once (a savepoint that cannot complete would otherwise hold it 4 minutes).
        Signal.handle(new Signal("INT"), SignalHandler.SIG_DFL);
        Signal.handle(new Signal("TERM"), SignalHandler.SIG_DFL);
        System.out.println("Stopping with a savepoint (Ctrl-C again to quit without one)...");
        String savepoint = job.stopWithSavepoint(
                        false,
                        LocalRuntime.home()
                                .resolve(".streamwarden/savepoints")
                                .toUri()
                                .toString(),
                        SavepointFormatType.CANONICAL)
                .get(2, TimeUnit.MINUTES);
        result.get(2, TimeUnit.MINUTES);
        if (StatusReporter.lastCheckpointPath() != null) {
            System.out.println("Last completed checkpoint: " + StatusReporter.lastCheckpointPath());
        }
        files.recordSavepoint(savepoint);
        files.removePid();
        System.out.println("Stopped with savepoint " + savepoint);
        System.out.println("Resume: bin/streamwarden run --config " + configFile + " --from-savepoint " + savepoint);
        return 0;
    }
}
