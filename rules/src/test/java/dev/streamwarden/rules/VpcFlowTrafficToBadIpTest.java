package dev.streamwarden.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import org.junit.jupiter.api.Test;

/** The bad-IP list: loaded from the classpath, matched on both directions and both families, serializable. */
class VpcFlowTrafficToBadIpTest {
    private final VpcFlowTrafficToBadIp rule = new VpcFlowTrafficToBadIp();

    private static Event flow(String action, String src, String dst) {
        Event event = new Event();
        event.logType = "vpc_flow";
        event.record = "{}";
        event.normalized.action = action;
        event.normalized.srcAddr = src;
        event.normalized.dstAddr = dst;
        return event;
    }

    @Test
    void loadsTheShippedExampleList() {
        assertEquals(2, rule.listSize());
    }

    @Test
    void matchesAcceptedTrafficEitherWayInListedBlocks() {
        assertTrue(rule.matches(flow("ACCEPT", "203.0.113.0", "10.0.0.1")));
        assertTrue(rule.matches(flow("ACCEPT", "10.0.0.1", "203.0.113.255")));
        assertTrue(rule.matches(flow("ACCEPT", "2001:db8:bad:ffff::1", "10.0.0.1")));
        assertFalse(rule.matches(flow("ACCEPT", "203.0.114.0", "203.0.112.255")));
        assertFalse(rule.matches(flow("ACCEPT", "2001:db8:bae::1", "::1")));
        assertFalse(rule.matches(flow("REJECT", "203.0.113.9", "10.0.0.1")));
        assertFalse(rule.matches(flow("ACCEPT", null, null)));
        assertFalse(rule.matches(flow("ACCEPT", "bad.example.com", "-")));
        assertFalse(rule.matches(flow("ACCEPT", "300.1.1.1", "dead.beef")));
        assertTrue(rule.matches(flow("ACCEPT", "::ffff:203.0.113.9", "10.0.0.1")));
    }

    @Test
    void namesTheLineOfAMalformedEntry() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new VpcFlowTrafficToBadIp("lists/malformed_bad_ips.txt"));
        assertEquals("lists/malformed_bad_ips.txt:3: bad prefix length in 198.51.100.0/33", e.getMessage());
        assertThrows(IllegalStateException.class, () -> new VpcFlowTrafficToBadIp("lists/absent.txt"));
    }

    @Test
    void checksPacketLevelAddressesBehindANatGateway() {
        Event event = flow("ACCEPT", "10.0.1.15", "10.0.0.220");
        event.record = "{\"pkt_srcaddr\":\"10.0.1.15\",\"pkt_dstaddr\":\"203.0.113.200\"}";
        assertTrue(rule.matches(event));
    }

    @Test
    void countsEveryTransitGatewayRecordForItHasNoAction() {
        Event carried = flow(null, "10.0.0.1", "203.0.113.7");
        carried.logType = "tgw_flow";
        assertTrue(rule.matches(carried));
        assertFalse(rule.matches(flow(null, "10.0.0.1", "203.0.113.7")), "a VPC flow without its action");
        assertTrue(rule.spec().logTypes().contains("tgw_flow"));
    }

    @Test
    void survivesJavaSerializationAsFlinkShipsIt() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(rule);
        }
        VpcFlowTrafficToBadIp copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = (VpcFlowTrafficToBadIp) in.readObject();
        }
        assertEquals(rule.listSize(), copy.listSize());
        assertTrue(copy.matches(flow("ACCEPT", "10.0.0.1", "203.0.113.7")));
    }
}
