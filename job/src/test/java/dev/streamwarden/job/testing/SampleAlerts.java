package dev.streamwarden.job.testing;

import dev.streamwarden.job.model.Alert;

/** Alerts for tests: a complete alert with plain values, which a test changes where its case differs. */
public final class SampleAlerts {
    /** 2025-11-28T10:00:00Z, the first and last seen of a sample alert. */
    public static final long SEEN = 1_764_324_000_000L;

    private SampleAlerts() {}

    /** One root-account alert of one event to {@code slack:default}, seen at {@link #SEEN}. */
    public static Alert alert(String id) {
        Alert alert = new Alert();
        alert.id = id;
        alert.rule = "cloudtrail_root_account_usage";
        alert.severity = "HIGH";
        alert.description = "root used";
        alert.logType = "cloudtrail";
        alert.source = "trail";
        alert.eventCount = 1;
        alert.firstSeen = SEEN;
        alert.lastSeen = SEEN;
        alert.mergeKey = "{}";
        alert.records = new String[] {"{\"eventName\":\"ConsoleLogin\"}"};
        alert.outputs = new String[] {"slack:default"};
        return alert;
    }
}
