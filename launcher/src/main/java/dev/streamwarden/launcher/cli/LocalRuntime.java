package dev.streamwarden.launcher.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginUtils;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** An embedded Flink for the launcher: the repository's flink-conf.yaml, plus file system plugins (S3). */
final class LocalRuntime {
    private LocalRuntime() {}

    /** The launcher exports STREAMWARDEN_HOME (the repository); flink-conf.yaml lives there. */
    static Path home() {
        String home = System.getenv("STREAMWARDEN_HOME");
        return Path.of(home == null ? "." : home).toAbsolutePath().normalize();
    }

    static Configuration configuration() {
        Path home = home();
        if (!Files.exists(home.resolve("flink-conf.yaml"))) {
            throw new IllegalStateException("no flink-conf.yaml in " + home + " (set STREAMWARDEN_HOME)");
        }
        Configuration conf = GlobalConfiguration.loadConfiguration(home.toString());
        if (!conf.contains(CheckpointingOptions.CHECKPOINTS_DIRECTORY)) {
            // Checkpoints in the JobManager's memory are capped at 5 MB; real state outgrows that quickly.
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    home.resolve(".streamwarden/checkpoints").toUri().toString());
        }
        return conf;
    }

    /** For runs a person watches to the end (demo, replay): a failure surfaces after two retries, not never. */
    static Configuration failingFast(Configuration conf) {
        conf.setString("restart-strategy.type", "fixed-delay");
        conf.setString("restart-strategy.fixed-delay.attempts", "2");
        conf.setString("restart-strategy.fixed-delay.delay", "1s");
        return conf;
    }

    /**
     * For runs someone watches (run, demo): Flink's web UI (job graph, backpressure, checkpoints) and a Prometheus
     * endpoint on the first free ports from 8081 and 9249, both printed to {@code out}.
     */
    static StreamExecutionEnvironment watchedEnvironment(Configuration conf, PrintStream out) {
        int ui = freePort(8081);
        int prometheus = freePort(9249);
        conf.set(RestOptions.PORT, ui);
        conf.setString(
                "metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
        conf.setString("metrics.reporter.prom.port", Integer.toString(prometheus));
        out.println("Flink web UI: http://localhost:" + ui + "  Prometheus metrics: http://localhost:" + prometheus
                + "/metrics");
        FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
        return StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(conf);
    }

    /** The first port from {@code first} (up to 20 further) nothing listens on. */
    private static int freePort(int first) {
        for (int port = first; port < first + 20; port++) {
            try (ServerSocket socket = new ServerSocket(port)) {
                return port;
            } catch (IOException taken) {
                // try the next
            }
        }
        throw new IllegalStateException("no free port in " + first + "-" + (first + 19));
    }

    static StreamExecutionEnvironment environment(Configuration conf) {
        // Plugins (FLINK_PLUGINS_DIR) give s3:// its own class loader, as on a real cluster.
        FileSystem.initialize(conf, PluginUtils.createPluginManagerFromRootFolder(conf));
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
}
