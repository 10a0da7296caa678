package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.ConfigException;
import java.util.Arrays;
import java.util.List;

/** bin/streamwarden's entry point: one subcommand per use. */
public final class Main {
    private static final String USAGE = String.join(
            "\n",
            "usage: bin/streamwarden <command> [options]",
            "",
            "  demo   [--slack-webhook URL]",
            "         Start a local Kinesis emulator, write sample data (flow logs with a port scan, CloudTrail,",
            "         broken records) into a 2-shard stream, run the job until the stream is drained, print a summary.",
            "  replay --out DIR [--source NAME] [--slack-webhook URL] FILE...",
            "         Run the job over captured files (aws kinesis get-records dumps, or raw payloads, gzip or not)",
            "         and write DIR/lake (Parquet), DIR/alerts, DIR/dead-letter, DIR/failed-alerts; exit when done.",
            "  run    [--config FILE] [--from-savepoint PATH]",
            "         Run unbounded against the configured stream and outputs (JSON property groups, the shape",
            "         Managed Flink uses; see README). Checkpoints go to .streamwarden/checkpoints.",
            "  redeliver --out DIR [--config FILE | --slack-webhook URL] FAILED",
            "         Send a failed-alerts output (directory or URI such as s3://bucket/failed-alerts) again, each",
            "         alert to the output that failed (--config: the job's properties, every named output as in the",
            "         job). What fails again is written to DIR. Exits 1 if anything failed again.",
            "  peek --stream NAME [--region R] [--endpoint URL] [--from latest|trim-horizon|ISO-INSTANT]",
            "       [--limit N] [--wait DURATION] [--raw]",
            "         Read what is actually in a stream (every shard, default AWS credentials) and print it as the",
            "         job sees it (like classify), or with --raw as stored (shard, sequence number, partition key,",
            "         arrival time, size, data gunzipped). Stops after N records (10) or DURATION (10s) of quiet.",
            "  classify [--source NAME] FILE...",
            "         Print what the job makes of each record in the files (JSON lines, dumps, CloudWatch Logs",
            "         payloads, raw log lines; gzip or not): one JSON line per event with log_type, normalized and",
            "         record, or error with the reason. A summary per log type goes to stderr.",
            "  athena-ddl [--location s3://bucket/lake] [--database NAME]",
            "         Print CREATE EXTERNAL TABLE statements (partition projection) for every log type.",
            "  test-rules [--rule NAME] [--json] [--events FILE...]",
            "         Run every rule's test events through the real classify -> normalize -> rules path; print a",
            "         table (or one JSON object per case). Exits 1 when a case fails. --events runs StreamAlert",
            "         test-event files (data/override_record, log, trigger_rules, classify_only) instead.",
            "  fuzz [--records N] [--seed S] [--mutated SHARE] [--out DIR]",
            "         Run the whole job, restarts off, over N records (100,000) built from the fixtures, a share",
            "         (0.5) mutated; then check every unmutated event is in the lake and every mutated record in the",
            "         lake or the dead-letter output. Prints the figures; exits 1 on any record unaccounted for.",
            "  bench-classify [--seconds N]",
            "         Measure single-thread unpack + classify + normalize throughput; prints a table.",
            "",
            "The Slack webhook URL may also come from the environment variable STREAMWARDEN_SLACK_WEBHOOK_URL.");

    private Main() {}

    public static void main(String[] argv) {
        if (argv.length == 0 || argv[0].equals("help") || argv[0].equals("--help")) {
            System.out.println(USAGE);
            return;
        }
        List<String> args = Arrays.asList(argv).subList(1, argv.length);
        int status;
        try {
            switch (argv[0]) {
                case "demo":
                    status = new DemoCommand().run(args);
                    break;
                case "replay":
                    status = new ReplayCommand().run(args);
                    break;
                case "run":
                    status = new RunCommand().run(args);
                    break;
                case "redeliver":
                    status = new RedeliverCommand().run(args);
                    break;
                case "peek":
                    status = new PeekCommand(System.out).run(args);
                    break;
                case "classify":
                    status = new ClassifyCommand().run(args);
                    break;
                case "test-rules":
                    status = new TestRulesCommand().run(args);
                    break;
                case "fuzz":
                    status = new FuzzCommand().run(args);
                    break;
                case "bench-classify":
                    status = new ClassifyBenchmark().run(args);
                    break;
                case "athena-ddl":
                    status = new AthenaDdlCommand().run(args);
                    break;
                default:
                    throw new Args.UsageException("unknown command '" + argv[0] + "'");
            }
        } catch (Args.UsageException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            status = 2;
        } catch (ConfigException e) {
            System.err.println("configuration error: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }
}
