package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.StreamwardenJob;
import dev.streamwarden.job.config.ConfigException;
import dev.streamwarden.job.config.PropertyGroups;
import dev.streamwarden.job.config.StreamwardenConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code check-config FILE}: the start-up checks of the job (keys, types, required keys, outputs the rules send to,
 * rule names) on runtime properties — Managed Flink's shape, a JSON list of {@code {PropertyGroupId,
 * PropertyMap}} — without starting anything or calling AWS; every problem at once, exit 2.
 */
final class CheckConfigCommand {
    private final PrintStream out;
    private final Map<String, String> env;

    CheckConfigCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    int run(List<String> argv) {
        Args args = Args.parse(argv, Set.of());
        if (args.positional.size() != 1) {
            throw new Args.UsageException("check-config needs one FILE (runtime properties as JSON)");
        }
        Path file = Path.of(args.positional.get(0));
        if (!Files.isRegularFile(file)) {
            throw new Args.UsageException(file + " not found");
        }
        List<String> problems = new ArrayList<>();
        StreamwardenConfig config =
                StreamwardenConfig.builder().putAll(PropertyGroups.read(file)).build(env, problems);
        try {
            StreamwardenJob.check(config);
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
        if (!problems.isEmpty()) {
            out.println(file + ": " + (problems.size() == 1 ? "1 problem" : problems.size() + " problems"));
            problems.forEach(problem -> out.println("  " + problem));
            return 2;
        }
        out.println(file + ": valid (" + config + ")");
        out.println("Secrets given as Secrets Manager ARNs were not read (check-config calls no AWS service).");
        return 0;
    }
}
