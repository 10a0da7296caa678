package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * bin/streamwarden's entry point: one subcommand per use. A usage error prints that command's usage; any other
 * failure one line naming it and the exit code (the stack trace with {@code --debug}).
 */
public final class Main {
    /** What a command does with its arguments: its exit code. */
    interface Runner {
        int run(List<String> args) throws Exception;
    }

    /** A command: its name, its usage (synopsis, then what it does), how to run it. */
    static final class Command {
        final String name;
        final List<String> usage;
        final Runner runner;

        Command(String name, List<String> usage, Runner runner) {
            this.name = name;
            this.usage = usage;
            this.runner = runner;
        }

        String usage() {
            StringBuilder text = new StringBuilder("usage: bin/streamwarden ")
                    .append(usage.get(0))
                    .append('\n');
            usage.subList(1, usage.size()).forEach(line -> text.append(line).append('\n'));
            return text.toString();
        }
    }

    static final List<Command> COMMANDS = List.of(
            new Command(
                    "demo",
                    List.of(
                            "demo   [--slack-webhook URL]",
                            "         Start a local Kinesis emulator, write sample data (flow logs with a port scan, CloudTrail,",
                            "         broken records) into a 2-shard stream, run the job until the stream is drained, print a summary."),
                    args -> new DemoCommand().run(args)),
            new Command(
                    "replay",
                    List.of(
                            "replay --out DIR [--source NAME] [--slack-webhook URL] FILE...",
                            "         Run the job over captured files (aws kinesis get-records dumps, or raw payloads, gzip or not)",
                            "         and write DIR/lake (Parquet), DIR/alerts, DIR/dead-letter, DIR/failed-alerts; exit when done."),
                    args -> new ReplayCommand().run(args)),
            new Command(
                    "run",
                    List.of(
                            "run    [--config FILE] [--from-savepoint PATH]",
                            "         Run unbounded against the configured stream and outputs (JSON property groups, the shape",
                            "         Managed Flink uses; see README). Checkpoints go to .streamwarden/checkpoints."),
                    args -> new RunCommand().run(args)),
            new Command(
                    "stop",
                    List.of(
                            "stop [--savepoint]",
                            "         Stop the run of this checkout with a savepoint (as Ctrl-C in its terminal does), wait",
                            "         for it to end and print the savepoint and the run --from-savepoint command."),
                    args -> new StopCommand(System.out, RunFiles.under(LocalRuntime.home())).run(args)),
            new Command(
                    "check-config",
                    List.of(
                            "check-config FILE",
                            "         Check runtime properties (Managed Flink's JSON: [{PropertyGroupId, PropertyMap}]) as the job",
                            "         does at start-up, without starting it or calling AWS; every problem at once, exit 2."),
                    args -> new CheckConfigCommand(System.out, System.getenv()).run(args)),
            new Command(
                    "redeliver",
                    List.of(
                            "redeliver --out DIR [--config FILE | --slack-webhook URL] FAILED",
                            "         Send a failed-alerts output (directory or URI such as s3://bucket/failed-alerts) again, each",
                            "         alert to the output that failed (--config: the job's properties, every named output as in the",
                            "         job). What fails again is written to DIR. Exits 1 if anything failed again."),
                    args -> new RedeliverCommand().run(args)),
            new Command(
                    "peek",
                    List.of(
                            "peek --stream NAME [--region R] [--endpoint URL] [--from latest|trim-horizon|ISO-INSTANT]",
                            "       [--limit N] [--wait DURATION] [--raw]",
                            "         Read what is actually in a stream (every shard, default AWS credentials) and print it as the",
                            "         job sees it (like classify), or with --raw as stored (shard, sequence number, partition key,",
                            "         arrival time, size, data gunzipped). Stops after N records (10) or DURATION (10s) of quiet."),
                    args -> new PeekCommand(System.out).run(args)),
            new Command(
                    "produce",
                    List.of(
                            "produce --stream NAME [--region R] [--endpoint URL] FILE...",
                            "       | --sample mixed|vpc-flow|cloudtrail [--rate N] [--duration D]",
                            "         Write records to a stream as a careful producer does: PutRecords within 500 records and",
                            "         5 MiB, random partition keys, only failed entries resent, backoff with jitter, batches",
                            "         halved on throttling; never drops one (exit 1 naming what was not written). FILEs are",
                            "         get-records dumps or raw records; --sample writes the demo's generator at N records/s",
                            "         (100) for D (10s). Prints the records each shard got."),
                    args -> new ProduceCommand(System.out).run(args)),
            new Command(
                    "local",
                    List.of(
                            "local [--stream NAME] [--shards N]",
                            "         Start the Kinesis emulator with a stream (flows, 2 shards) and keep it up until Ctrl-C;",
                            "         prints its endpoint and writes .streamwarden/local/config.json, runtime properties with",
                            "         which run reads it (outputs under .streamwarden/local/out), for run, produce, peek, sizing."),
                    args -> new LocalCommand(System.out).run(args)),
            new Command(
                    "sizing",
                    List.of(
                            "sizing --stream NAME [--region R] [--endpoint URL] [--events-per-second N] [--window D]",
                            "       [--parallelism-per-kpu N] [--json]",
                            "         List the open shards, measure what arrived in each over the last D (60s: records, bytes,",
                            "         events as the job unpacks them) and recommend source parallelism (= open shards),",
                            "         processing parallelism and KPUs, showing the arithmetic; warns about hot shards.",
                            "         --events-per-second sizes for a rate instead of the measured one."),
                    args -> new SizingCommand(System.out, java.time.Clock.systemUTC()).run(args)),
            new Command(
                    "classify",
                    List.of(
                            "classify [--source NAME] FILE...",
                            "         Print what the job makes of each record in the files (JSON lines, dumps, CloudWatch Logs",
                            "         payloads, raw log lines; gzip or not): one JSON line per event with log_type, normalized and",
                            "         record, or error with the reason. A summary per log type goes to stderr."),
                    args -> new ClassifyCommand().run(args)),
            new Command(
                    "athena-ddl",
                    List.of(
                            "athena-ddl [--location s3://bucket/lake] [--database NAME]",
                            "         Print CREATE EXTERNAL TABLE statements (partition projection) for every log type."),
                    args -> new AthenaDdlCommand().run(args)),
            new Command(
                    "test-rules",
                    List.of(
                            "test-rules [--rule NAME] [--json] [--events FILE...]",
                            "         Run every rule's test events through the real classify -> normalize -> rules path; print a",
                            "         table (or one JSON object per case). Exits 1 when a case fails. --events runs StreamAlert",
                            "         test-event files (data/override_record, log, trigger_rules, classify_only) instead."),
                    args -> new TestRulesCommand().run(args)),
            new Command(
                    "fuzz",
                    List.of(
                            "fuzz [--records N] [--seed S] [--mutated SHARE] [--out DIR]",
                            "         Run the whole job, restarts off, over N records (100,000) built from the fixtures, a share",
                            "         (0.5) mutated; then check every unmutated event is in the lake and every mutated record in the",
                            "         lake or the dead-letter output. Prints the figures; exits 1 on any record unaccounted for."),
                    args -> new FuzzCommand().run(args)),
            new Command(
                    "bench",
                    List.of(
                            "bench [--events N] [--seconds S] [--parallelism LIST|none] [--runs R] [--workloads LIST] [--backends LIST] [--scans N] [--dump DIR]",
                            "         Measure throughput against the decode limit of the same input: each stage on one thread",
                            "         (unpack + classify + normalize, + rules, + Parquet) and the whole job on a MiniCluster at",
                            "         each parallelism (1,2; median of R runs, 3), for flow-log payloads of 2,000 and 20,000 lines",
                            "         (N events each, 1,000,000) and CloudTrail batches of 100 (N/10); then state: N live keys",
                            "         of the threshold and distinct-count rules on each of --backends (hashmap,rocksdb); then",
                            "         latency: --scans port scans (30) in 5,000 flow events/s through the Kinesis emulator to a",
                            "         local Slack stand-in. Prints one table.",
                            "         --workloads picks some of vpc_flow-2000, vpc_flow-20000, cloudtrail-100, state, latency (all).",
                            "         --dump writes the throughput inputs as get-records dumps (for replay) and measures nothing."),
                    args -> new BenchCli().run(args)));

    private static final String NOTE =
            "The Slack webhook URL may also come from the environment variable STREAMWARDEN_SLACK_WEBHOOK_URL.";

    private Main() {}

    public static void main(String[] argv) {
        System.exit(run(List.of(argv)));
    }

    static int run(List<String> argv) {
        List<String> args = new ArrayList<>(argv);
        boolean debug = args.remove("--debug");
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            System.out.print(help());
            return 0;
        }
        Command command = COMMANDS.stream()
                .filter(c -> c.name.equals(args.get(0)))
                .findFirst()
                .orElse(null);
        if (command == null) {
            System.err.println("error: unknown command '" + args.get(0) + "' (bin/streamwarden help lists them)");
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        if (rest.contains("--help") || rest.contains("-h")) {
            System.out.print(command.usage());
            return 0;
        }
        try {
            return command.runner.run(rest);
        } catch (Args.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.print(command.usage());
            return 2;
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            System.err.println(
                    command.name + " failed: " + e + " (exit 1" + (debug ? ")" : "; --debug prints the stack trace)"));
            if (debug) {
                e.printStackTrace();
            }
            return 1;
        }
    }

    static String help() {
        StringBuilder text = new StringBuilder("usage: bin/streamwarden <command> [options] [--debug]\n\n");
        for (Command command : COMMANDS) {
            text.append("  ").append(command.usage.get(0)).append('\n');
            command.usage
                    .subList(1, command.usage.size())
                    .forEach(line -> text.append(line).append('\n'));
        }
        return text.append('\n').append(NOTE).append('\n').toString();
    }
}
