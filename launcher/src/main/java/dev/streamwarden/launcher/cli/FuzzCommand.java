package dev.streamwarden.launcher.cli;

import dev.streamwarden.launcher.fuzz.FuzzCheck;
import dev.streamwarden.launcher.fuzz.FuzzCorpus;
import dev.streamwarden.launcher.fuzz.FuzzRecords;
import dev.streamwarden.launcher.fuzz.FuzzRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code fuzz [--records N] [--seed S] [--mutated SHARE] [--out DIR]}: the fuzz test's run at any size, on the embedded
 * Flink with restarts off (one data-caused failure fails the run), then every record checked against the outputs.
 */
final class FuzzCommand {
    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("records", "seed", "mutated", "out"));
        long records = number(args, "records", "100000");
        long seed = number(args, "seed", "1");
        double mutated = share(args.get("mutated", "0.5"));
        Path out = Path.of(args.get(
                        "out", LocalRuntime.home().resolve(".streamwarden/fuzz").toString()))
                .toAbsolutePath();
        if (Files.isDirectory(out)) {
            try (java.util.stream.Stream<Path> existing = Files.list(out)) {
                if (existing.findAny().isPresent()) {
                    throw new Args.UsageException("--out " + out + " is not empty (the check reads all that is in it)");
                }
            }
        }
        Configuration conf = LocalRuntime.configuration();
        conf.setString("restart-strategy.type", "none");
        StreamExecutionEnvironment env = LocalRuntime.environment(conf);
        FuzzRecords generator = new FuzzRecords(FuzzCorpus.fixtures(), seed, mutated);
        System.out.printf("Fuzzing %,d records (seed %d, %.0f%% mutated) into %s%n", records, seed, mutated * 100, out);
        long started = System.nanoTime();
        FuzzRun.execute(env, generator, records, out);
        long jobMillis = (System.nanoTime() - started) / 1_000_000;
        FuzzCheck.FuzzReport report = FuzzCheck.check(generator, records, FuzzRun.lake(out), FuzzRun.deadLetter(out));
        System.out.print(report);
        System.out.printf("job                %,d ms (restarts: none allowed; the job finished)%n", jobMillis);
        return report.violations == 0 ? 0 : 1;
    }

    private static long number(Args args, String name, String fallback) {
        try {
            long value = Long.parseLong(args.get(name, fallback));
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new Args.UsageException(
                "--" + name + " must be a positive whole number, not '" + args.get(name, "") + "'");
    }

    private static double share(String text) {
        try {
            double share = Double.parseDouble(text);
            if (share >= 0 && share <= 1) {
                return share;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        throw new Args.UsageException("--mutated must be a share from 0 to 1, not '" + text + "'");
    }
}
