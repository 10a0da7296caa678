package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.PropertyGroups;
import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.deliver.Redelivery;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code redeliver --out DIR [--config FILE | --slack-webhook URL] FAILED}: sends a failed-alerts output (a local
 * directory or any Flink file system URI, e.g. s3://bucket/failed-alerts) again, each alert to the output that
 * failed; what fails again lands in DIR. With the job's own configuration every named output (Slack webhooks and
 * bots, generic webhooks, Secrets Manager references) is served as in the job; a single webhook serves slack:*.
 */
final class RedeliverCommand {
    int run(List<String> argv) throws Exception {
        Args args = Args.parse(argv, Set.of("out", "slack-webhook", "config"));
        if (args.positional.size() != 1 || !args.options.containsKey("out")) {
            throw new Args.UsageException("redeliver needs --out DIR and one failed-alerts directory or URI");
        }
        String input = args.positional.get(0);
        if (!input.contains("://")) {
            input = Path.of(input).toAbsolutePath().toUri().toString();
        }
        StreamwardenConfig config = deliveryConfig(
                args, Path.of(args.get("out", ".")).toAbsolutePath().toUri().toString());

        StreamExecutionEnvironment env =
                LocalRuntime.environment(LocalRuntime.failingFast(LocalRuntime.configuration()));
        Redelivery.define(env, input, config);
        JobExecutionResult result = env.execute("streamwarden-redeliver");
        Summary summary = new Summary(result.getAllAccumulatorResults());
        System.out.printf(
                "Redelivered: %d delivered, %d failed again (in %s), %d unreadable lines%n",
                summary.total("delivered"),
                summary.total("delivery_failed"),
                config.failedAlertsPath(),
                summary.get("redeliver_unreadable"));
        return summary.total("delivery_failed") + summary.get("redeliver_unreadable") == 0 ? 0 : 1;
    }

    /** The outputs to redeliver to, what fails again going to {@code failedAgain}. */
    private static StreamwardenConfig deliveryConfig(Args args, String failedAgain) throws IOException {
        StreamwardenConfig.Builder config = StreamwardenConfig.builder();
        if (args.options.containsKey("config")) {
            if (args.options.containsKey("slack-webhook")) {
                throw new Args.UsageException("redeliver takes --config FILE or --slack-webhook URL, not both");
            }
            // The file's own failed-alerts output is the job's; what fails again goes elsewhere.
            return config.putAll(PropertyGroups.read(Path.of(args.get("config", null))))
                    .set(ConfigKeys.OUTPUT_FAILED_ALERTS, failedAgain)
                    .build(System.getenv())
                    .resolveSecrets();
        }
        String webhook = args.get("slack-webhook", System.getenv(StreamwardenConfig.SLACK_WEBHOOK_ENV));
        if (webhook == null) {
            throw new Args.UsageException(
                    "redeliver needs --config FILE, --slack-webhook URL or " + StreamwardenConfig.SLACK_WEBHOOK_ENV);
        }
        return config.set(ConfigKeys.SLACK_WEBHOOK_URL, webhook)
                .set(ConfigKeys.OUTPUT_FAILED_ALERTS, failedAgain)
                .buildUnchecked()
                .resolveSecrets();
    }
}
