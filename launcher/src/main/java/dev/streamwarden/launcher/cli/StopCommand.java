package dev.streamwarden.launcher.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * {@code stop [--savepoint]}: stops the {@code run} of this checkout with a savepoint (as Ctrl-C in its terminal
 * does: SIGTERM), waits for it to end and prints the savepoint and how to resume from it.
 */
final class StopCommand {
    /** The savepoint and the job's end may take this long (run's own limit is 2 + 2 minutes). */
    private static final Duration WAIT = Duration.ofMinutes(5);

    private final PrintStream out;
    private final RunFiles files;

    StopCommand(PrintStream out, RunFiles files) {
        this.out = out;
        this.files = files;
    }

    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of(), Set.of("savepoint"));
        if (!args.positional.isEmpty()) {
            throw new Args.UsageException("stop takes no arguments");
        }
        ProcessHandle run = files.running()
                .orElseThrow(
                        () -> new Args.UsageException("no run of this checkout is running (.streamwarden/run.pid)"));
        String before = files.lastSavepoint().orElse(null);
        out.println("Stopping run (process " + run.pid() + ") with a savepoint...");
        run.destroy(); // SIGTERM: run takes a savepoint, then ends
        run.onExit().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        String savepoint = files.lastSavepoint().orElse(null);
        if (savepoint == null || savepoint.equals(before)) {
            out.println("run ended without a new savepoint (see .streamwarden/logs/run.log)");
            return 1;
        }
        out.println("Stopped with savepoint " + savepoint);
        out.println("Resume: bin/streamwarden run --config FILE --from-savepoint " + savepoint);
        return 0;
    }
}
