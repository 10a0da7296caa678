package dev.streamwarden.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CidrTest {
    @Test
    void readsDottedQuadsAndNothingElse() {
        assertArrayEquals(new byte[] {1, 2, 3, 4}, Cidr.literal("1.2.3.4"));
        assertArrayEquals(new byte[] {(byte) 255, 0, 10, 1}, Cidr.literal("255.0.010.1"));
        for (String text : List.of(
                "1.2.3",
                "1.2.3.4.5",
                "1..3.4",
                ".1.2.3",
                "1.2.3.",
                "256.1.1.1",
                "1234.1.1.1",
                "1.2.3.-4",
                "1.2.3.4 ",
                "a.b.c.d",
                "1.2.3.4/8")) {
            assertNull(Cidr.literal(text), text);
        }
    }

    @Test
    void anyContainsParsesTheAddressOnceForAllBlocks() {
        List<Cidr> blocks = List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("192.0.2.0/24"), Cidr.parse("2001:db8::/32"));
        assertTrue(Cidr.anyContains(blocks, "192.0.2.77"));
        assertTrue(Cidr.anyContains(blocks, "2001:db8::1"));
        assertFalse(Cidr.anyContains(blocks, "192.0.3.1"));
        assertFalse(Cidr.anyContains(blocks, "not an address"));
        assertFalse(Cidr.anyContains(blocks, null));
        assertFalse(Cidr.anyContains(List.of(), "10.0.0.1"));
    }
}
