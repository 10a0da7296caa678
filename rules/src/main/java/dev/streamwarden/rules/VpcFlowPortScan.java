package dev.streamwarden.rules;

import dev.streamwarden.api.DistinctCountRule;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;

/** One source address rejected on at least 100 distinct destination ports within 60 seconds. */
public final class VpcFlowPortScan extends DistinctCountRule {
    private static final long serialVersionUID = 1L;

    public VpcFlowPortScan() {
        super(
                RuleSpec.of(
                        "vpc_flow_port_scan",
                        Severity.MEDIUM,
                        "One source address was rejected on many distinct destination ports: a likely port scan.",
                        "vpc_flow",
                        "vpc_flow_custom"),
                100,
                Duration.ofSeconds(60));
    }

    @Override
    public boolean filter(Event event) {
        return "REJECT".equals(event.normalized.action) && event.normalized.srcAddr != null;
    }

    @Override
    public LinkedHashMap<String, String> key(Event event) {
        LinkedHashMap<String, String> key = new LinkedHashMap<>();
        key.put("srcaddr", event.normalized.srcAddr);
        return key;
    }

    @Override
    public String distinctValue(Event event) {
        Integer port = event.normalized.dstPort;
        return port == null ? null : port.toString();
    }
}
