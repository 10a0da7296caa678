package dev.streamwarden.launcher.status;

import java.util.Properties;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/** How Flink creates the {@link StatusReporter} ({@code metrics.reporter.status.factory.class}). */
public final class StatusReporterFactory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
        return new StatusReporter();
    }
}
