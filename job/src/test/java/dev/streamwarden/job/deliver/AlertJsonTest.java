package dev.streamwarden.job.deliver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.model.Alert;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The archive's JSON is also what redelivery reads back: the round trip must lose nothing Slack shows. */
class AlertJsonTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anArchivedAlertReadsBackEqual() throws Exception {
        Alert alert = new Alert();
        alert.id = "0123456789abcdef0123456789abcdef";
        alert.rule = "vpc_flow_port_scan";
        alert.severity = "MEDIUM";
        alert.description = "One source probed many ports";
        alert.logType = "vpc_flow";
        alert.source = "flows";
        alert.eventCount = 40;
        alert.alertCount = 2;
        alert.firstSeen = Instant.parse("2026-11-28T10:15:00Z").toEpochMilli();
        alert.lastSeen = Instant.parse("2026-11-28T10:16:00.250Z").toEpochMilli();
        alert.mergeKey = "{\"src_addr\":\"10.0.0.9\"}";
        alert.records = new String[] {"{\"srcaddr\":\"10.0.0.9\",\"dstport\":22}", "{\"srcaddr\":\"10.0.0.9\"}"};
        alert.outputs = new String[] {"slack:security", "webhook:soar"};
        alert.context = "{\"runbook\":\"https://wiki.example.com/scan\"}";
        alert.fields.set("src_addr", "10.0.0.9");
        alert.fields.set("dst_port", 22);
        alert.fields.set("action", "REJECT");

        JsonNode line = MAPPER.readTree(AlertJson.toLine(alert));

        assertEquals(
                MAPPER.readTree("{\"src_addr\":\"10.0.0.9\",\"dst_port\":22,\"action\":\"REJECT\"}"),
                line.path("fields"),
                "only the fields the event had, ports as numbers");
        assertEquals(alert, AlertJson.fromJson(line));
    }
}
