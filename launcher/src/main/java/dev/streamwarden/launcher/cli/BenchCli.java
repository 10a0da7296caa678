package dev.streamwarden.launcher.cli;

import dev.streamwarden.launcher.bench.BenchCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code bench [--events N] [--seconds S] [--parallelism LIST] [--runs R] [--workloads LIST] [--backends LIST] [--scans N] [--dump DIR]}: the benchmark's command line. */
final class BenchCli {
    int run(List<String> argv) throws Exception {
        Args args = Args.parse(
                argv, Set.of("events", "seconds", "parallelism", "runs", "workloads", "backends", "scans", "dump"));
        if (!args.positional.isEmpty()) {
            throw new Args.UsageException("bench takes no files: " + args.positional.get(0));
        }
        BenchCommand.Options options = new BenchCommand.Options();
        options.events = (long) Args.positive(args.get("events", Long.toString(options.events)), "--events");
        options.seconds = Args.positive(args.get("seconds", Double.toString(options.seconds)), "--seconds");
        options.runs = (int) Args.positive(args.get("runs", Integer.toString(options.runs)), "--runs");
        options.scans = (int) Args.positive(args.get("scans", Integer.toString(options.scans)), "--scans");
        String parallelism = args.get("parallelism", "1,2");
        List<Integer> parallelisms = new ArrayList<>();
        if (!parallelism.equals("none")) {
            for (String p : parallelism.split(",")) {
                parallelisms.add((int) Args.positive(p.strip(), "--parallelism"));
            }
        }
        options.parallelisms = parallelisms;
        if (args.options.containsKey("workloads")) {
            List<String> workloads = new ArrayList<>();
            for (String key : args.get("workloads", "").split(",")) {
                if (!BenchCommand.WORKLOADS.contains(key.strip())) {
                    throw new Args.UsageException("--workloads: no workload '" + key.strip() + "' (there are "
                            + String.join(", ", BenchCommand.WORKLOADS) + ")");
                }
                workloads.add(key.strip());
            }
            options.workloads = workloads;
        }
        if (args.options.containsKey("backends")) {
            List<String> backends = new ArrayList<>();
            for (String backend : args.get("backends", "").split(",")) {
                if (!BenchCommand.BACKENDS.contains(backend.strip())) {
                    throw new Args.UsageException("--backends: no state backend '" + backend.strip() + "' (there are "
                            + String.join(", ", BenchCommand.BACKENDS) + ")");
                }
                backends.add(backend.strip());
            }
            options.backends = backends;
        }
        if (args.options.containsKey("dump")) {
            options.dumpTo = Path.of(args.get("dump", "."));
        }
        options.emulatorDir = LocalRuntime.home().resolve(".streamwarden");
        new BenchCommand(System.out).run(options);
        return 0;
    }
}
