package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import java.time.Instant;
import org.apache.flink.api.common.functions.MapFunction;

/** One readable line per alert, for the console output of local runs. */
public class AlertConsoleLine implements MapFunction<Alert, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String map(Alert alert) {
        return "ALERT " + alert.severity + " " + alert.rule + " source=" + alert.source + " key=" + alert.mergeKey
                + " events=" + alert.eventCount + " first_seen=" + Instant.ofEpochMilli(alert.firstSeen)
                + " id=" + alert.id;
    }
}
