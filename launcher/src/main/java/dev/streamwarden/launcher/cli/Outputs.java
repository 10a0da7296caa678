package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.ConfigKeys;
import dev.streamwarden.job.config.StreamwardenConfig;
import java.nio.file.Path;
import java.util.Map;

/** The local output layout: DIR/lake, DIR/alerts, DIR/dead-letter, DIR/failed-alerts. */
final class Outputs {
    private Outputs() {}

    /**
     * A local run's outputs under {@code dir}: alerts printed too, and to Slack when {@code --slack-webhook} (or the
     * environment) names a webhook; then the configuration is validated and its secrets read.
     */
    static StreamwardenConfig local(Path dir, StreamwardenConfig.Builder config, Args args) {
        under(dir, config);
        config.set(ConfigKeys.OUTPUT_PRINT_ALERTS, true);
        config.set(
                ConfigKeys.SLACK_WEBHOOK_URL,
                args.get("slack-webhook", System.getenv(StreamwardenConfig.SLACK_WEBHOOK_ENV)));
        return config.build(Map.of()).resolveSecrets();
    }

    private static void under(Path dir, StreamwardenConfig.Builder config) {
        Path root = dir.toAbsolutePath().normalize();
        config.set(ConfigKeys.OUTPUT_LAKE, root.resolve("lake").toUri().toString());
        config.set(ConfigKeys.OUTPUT_ALERTS, root.resolve("alerts").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_DEAD_LETTER,
                root.resolve("dead-letter").toUri().toString());
        config.set(
                ConfigKeys.OUTPUT_FAILED_ALERTS,
                root.resolve("failed-alerts").toUri().toString());
    }
}
