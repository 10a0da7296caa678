package dev.streamwarden.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchersTest {
    @Test
    void cidrMembershipForIpv4AndIpv6() {
        assertTrue(Matchers.inCidr("10.1.2.3", "10.0.0.0/8"));
        assertFalse(Matchers.inCidr("11.1.2.3", "10.0.0.0/8"));
        assertTrue(Matchers.inCidr("203.0.113.7", "203.0.113.7"));
        assertTrue(Matchers.inCidr("2001:db8::1", "2001:db8::/32"));
        assertFalse(Matchers.inCidr("2001:db9::1", "2001:db8::/32"));
        assertFalse(Matchers.inCidr("10.1.2.3", "2001:db8::/32"));
        assertTrue(Matchers.inAnyCidr("192.0.2.5", List.of("10.0.0.0/8", "192.0.2.0/24")));
    }

    @Test
    void namesAndMalformedAddressesNeverMatchAndNeverAskDns() throws Exception {
        // This JVM resolves these names from resolvable.hosts (see pom.xml) into 0.0.0.0/0: a lookup would turn
        // each false below into true.
        assertEquals("192.0.2.1", InetAddress.getByName("dead.beef").getHostAddress(), "resolvable.hosts in use");
        assertFalse(Matchers.inCidr("dead.beef", "0.0.0.0/0"));
        assertFalse(Matchers.inCidr("300.1.1.1", "0.0.0.0/0"));
        assertFalse(Matchers.inCidr("ec2.amazonaws.com", "0.0.0.0/0"));
        assertFalse(Matchers.inCidr(null, "0.0.0.0/0"));
    }

    @Test
    void globAnyOfAndContains() {
        assertTrue(Matchers.glob("arn:aws:iam::123:role/admin-x", "arn:aws:iam::*:role/admin-*"));
        assertFalse(Matchers.glob("arn:aws:iam::123:user/x", "arn:aws:iam::*:role/*"));
        assertTrue(Matchers.glob("a.b", "a?b"));
        assertTrue(Matchers.anyOf("b", "a", "b"));
        assertFalse(Matchers.anyOf(null, "a"));
        assertTrue(Matchers.containsIgnoreCase("SQLi_BODY", "sqli"));
    }
}
