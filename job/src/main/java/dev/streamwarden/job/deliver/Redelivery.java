package dev.streamwarden.job.deliver;

import dev.streamwarden.job.config.StreamwardenConfig;
import dev.streamwarden.job.model.Alert;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Sends the alerts of a failed-alerts output again, through the same rate-limited, retrying Slack delivery as the
 * job. What fails again is written to a new failed-alerts output ({@code config.failedAlertsPath()}), so nothing is
 * lost; part files still in progress (hidden, "." prefix) are not read.
 */
public final class Redelivery {
    private Redelivery() {}

    public static void define(StreamExecutionEnvironment env, String failedAlerts, StreamwardenConfig config) {
        FileSource<String> lines = FileSource.forRecordStreamFormat(new TextLineInputFormat(), new Path(failedAlerts))
                .build();
        DataStream<Alert> alerts = env.fromSource(lines, WatermarkStrategy.noWatermarks(), "Failed alerts")
                .uid("failed-alert-lines")
                .process(new ParseFailedAlert())
                .uid("parse-failed-alerts")
                .name("Parse failed alerts");
        WebhookDelivery.define(alerts, config);
    }
}
