package dev.streamwarden.api;

import java.io.Serializable;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** One IPv4 or IPv6 CIDR block ("10.0.0.0/8", "2001:db8::/32", or a single address), parsed once. */
public final class Cidr implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] network;
    private final int bits;

    private Cidr(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    /** Parses a block; throws IllegalArgumentException naming what is wrong. */
    public static Cidr parse(String cidr) {
        int slash = cidr.indexOf('/');
        byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
        if (network == null) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + cidr);
        }
        int bits = network.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(cidr.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + cidr);
            }
        }
        return new Cidr(network, bits);
    }

    /** True when the address (an IP literal; host names never match) lies in the block. */
    public boolean contains(String address) {
        return contains(literal(address));
    }

    /** True when the address lies in any of the blocks; the address is parsed once, not once per block. */
    public static boolean anyContains(Iterable<Cidr> blocks, String address) {
        byte[] ip = literal(address);
        if (ip == null) {
            return false;
        }
        for (Cidr block : blocks) {
            if (block.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(byte[] ip) {
        if (ip == null || ip.length != network.length) {
            return false;
        }
        int full = bits / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int rest = bits % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (ip[full] & mask) == (network[full] & mask);
    }

    /**
     * The bytes of an IP literal, or null. Never a DNS lookup: IPv4 is parsed here (InetAddress would look up
     * "300.1.1.1" or "dead.beef" as host names), and InetAddress only sees text with a colon, which it reads as an
     * IPv6 literal or rejects.
     */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            return ipv4(text);
        }
        if (!text.matches("[0-9a-fA-F.:]+")) {
            return null;
        }
        try {
            return InetAddress.getByName(text).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** Four dot-separated decimal parts of one to three digits, each at most 255; read char by char (hot path). */
    private static byte[] ipv4(String text) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '.') {
                if (digits == 0 || part == 3) {
                    return null;
                }
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else if (c >= '0' && c <= '9' && digits < 3) {
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return null;
                }
            } else {
                return null;
            }
        }
        if (digits == 0 || part != 3) {
            return null;
        }
        bytes[3] = (byte) value;
        return bytes;
    }
}
