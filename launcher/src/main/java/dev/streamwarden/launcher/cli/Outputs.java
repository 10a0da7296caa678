package dev.streamwarden.launcher.cli;

import dev.streamwarden.job.config.StreamwardenConfig;
import java.nio.file.Path;

/** The local output layout: DIR/lake, DIR/alerts, DIR/dead-letter, DIR/failed-alerts. */
final class Outputs {
    private Outputs() {}

    static void under(Path dir, StreamwardenConfig config) {
        Path root = dir.toAbsolutePath().normalize();
        config.lakePath = root.resolve("lake").toUri().toString();
        config.alertsPath = root.resolve("alerts").toUri().toString();
        config.deadLetterPath = root.resolve("dead-letter").toUri().toString();
        config.failedAlertsPath = root.resolve("failed-alerts").toUri().toString();
    }
}
