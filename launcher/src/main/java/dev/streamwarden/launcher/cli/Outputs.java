package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.StreamwardenConfig;
import java.nio.file.Path;

/** The local output layout: DIR/lake, DIR/alerts, DIR/dead-letter, DIR/failed-alerts. */
final class Outputs {
    private Outputs() {}

    /**
     * A local run's outputs under {@code dir}: alerts printed too, and to Slack when {@code --slack-webhook} (or the
     * environment) names a webhook; then the configuration is validated and its secrets read.
     */
    static StreamwardenConfig local(Path dir, StreamwardenConfig config, Args args) {
        under(dir, config);
        config.printAlerts = true;
        config.withSlackWebhookUrl(args.get("slack-webhook", System.getenv(StreamwardenConfig.SLACK_WEBHOOK_ENV)));
        return config.validate().resolveSecrets();
    }

    private static void under(Path dir, StreamwardenConfig config) {
        Path root = dir.toAbsolutePath().normalize();
        config.lakePath = root.resolve("lake").toUri().toString();
        config.alertsPath = root.resolve("alerts").toUri().toString();
        config.deadLetterPath = root.resolve("dead-letter").toUri().toString();
        config.failedAlertsPath = root.resolve("failed-alerts").toUri().toString();
    }
}
