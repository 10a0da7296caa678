package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepted VPC traffic to or from a known-bad address: the flow's source or destination (and, in the custom format,
 * the packet-level {@code pkt_srcaddr}/{@code pkt_dstaddr} behind a NAT gateway) lies in a block of the bad-IP list.
 * Rejected flows are left out: the security group or NACL already stopped them.
 *
 * <p>The list is the classpath resource {@value #LIST}: one IPv4 or IPv6 CIDR (or single address) per line, blank
 * lines and {@code #} comments ignored. It is read once, when the rule is built; the parsed blocks are a field, so
 * the rule ships to the workers with the job. A missing list or a malformed line fails at start-up, naming the line.
 */
public final class VpcFlowTrafficToBadIp extends MatchRule {
    private static final long serialVersionUID = 1L;

    /** The bad-IP list on the classpath (rules/src/main/resources/lists/bad_ips.txt). */
    public static final String LIST = "lists/bad_ips.txt";

    private final List<Block> blocks;

    public VpcFlowTrafficToBadIp() {
        this(LIST);
    }

    /** With another list resource (tests). */
    VpcFlowTrafficToBadIp(String listResource) {
        super(RuleSpec.of("vpc_flow_traffic_to_bad_ip", Severity.HIGH,
                "Accepted VPC traffic to or from an address on the bad-IP list. Identify the instance behind the "
                        + "interface and what it exchanged with the address.",
                "vpc_flow", "vpc_flow_custom"));
        this.blocks = load(listResource);
    }

    /** How many blocks the list holds. */
    public int listSize() {
        return blocks.size();
    }

    @Override
    public boolean matches(Event event) {
        if (!"ACCEPT".equals(event.normalized.action)) {
            return false;
        }
        return listed(event.normalized.srcAddr) || listed(event.normalized.dstAddr)
                || listed(event.text("pkt_srcaddr")) || listed(event.text("pkt_dstaddr"));
    }

    private boolean listed(String address) {
        byte[] ip = literal(address);
        if (ip == null) {
            return false;
        }
        for (Block block : blocks) {
            if (block.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private static List<Block> load(String resource) {
        ClassLoader loader = VpcFlowTrafficToBadIp.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("vpc_flow_traffic_to_bad_ip: " + resource + " is not on the classpath");
            }
            List<Block> blocks = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int hash = line.indexOf('#');
                String cidr = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (!cidr.isEmpty()) {
                    blocks.add(Block.parse(cidr, resource + ":" + lineNumber));
                }
            }
            return List.copyOf(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException("vpc_flow_traffic_to_bad_ip: cannot read " + resource, e);
        }
    }

    /**
     * The bytes of an IP literal, or null. Never a DNS lookup: IPv4 is parsed here (InetAddress would look up
     * "300.1.1.1" or "dead.beef" as host names), and InetAddress only sees text with a colon, which it reads as an
     * IPv6 literal or rejects.
     */
    private static byte[] literal(String text) {
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

    private static byte[] ipv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            String part = parts[i];
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return null;
            }
            int value = Integer.parseInt(part);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        return bytes;
    }

    /** One CIDR block, parsed once. */
    private static final class Block implements Serializable {
        private static final long serialVersionUID = 1L;

        private final byte[] network;
        private final int bits;

        private Block(byte[] network, int bits) {
            this.network = network;
            this.bits = bits;
        }

        static Block parse(String cidr, String where) {
            int slash = cidr.indexOf('/');
            byte[] network = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            if (network == null) {
                throw new IllegalArgumentException(where + ": not an IP address or CIDR block: " + cidr);
            }
            int bits = network.length * 8;
            if (slash >= 0) {
                try {
                    bits = Integer.parseInt(cidr.substring(slash + 1));
                } catch (NumberFormatException e) {
                    bits = -1;
                }
                if (bits < 0 || bits > network.length * 8) {
                    throw new IllegalArgumentException(where + ": bad prefix length in " + cidr);
                }
            }
            return new Block(network, bits);
        }

        boolean contains(byte[] ip) {
            if (ip.length != network.length) {
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
    }
}
