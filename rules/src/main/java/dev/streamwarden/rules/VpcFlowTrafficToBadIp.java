package dev.streamwarden.rules;

import dev.streamwarden.api.Cidr;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepted VPC traffic to or from a known-bad address: the flow's source or destination (and, in the custom format,
 * the packet-level {@code pkt_srcaddr}/{@code pkt_dstaddr} behind a NAT gateway) lies in a block of the bad-IP list.
 * Rejected flows are left out: the security group or NACL already stopped them. Transit Gateway Flow Logs have no
 * action: their records are traffic the transit gateway carried between its attachments, so each one counts.
 *
 * <p>The list is the classpath resource {@value #LIST}: one IPv4 or IPv6 CIDR (or single address) per line, blank
 * lines and {@code #} comments ignored. It is read once, when the rule is built; the parsed blocks are a field, so
 * the rule ships to the workers with the job. A missing list or a malformed line fails at start-up, naming the line.
 */
public final class VpcFlowTrafficToBadIp extends MatchRule {
    private static final long serialVersionUID = 1L;

    /** The bad-IP list on the classpath (rules/src/main/resources/lists/bad_ips.txt). */
    public static final String LIST = "lists/bad_ips.txt";
    /** Transit Gateway Flow Logs' log type. */
    private static final String TRANSIT_GATEWAY = "tgw_flow";

    private final List<Cidr> blocks;

    public VpcFlowTrafficToBadIp() {
        this(LIST);
    }

    /** With another list resource (tests). */
    VpcFlowTrafficToBadIp(String listResource) {
        super(RuleSpec.of(
                "vpc_flow_traffic_to_bad_ip",
                Severity.HIGH,
                "Accepted VPC traffic (or traffic a transit gateway carried) to or from an address on the bad-IP list. "
                        + "Identify the instance behind the interface and what it exchanged with the address.",
                "vpc_flow",
                "vpc_flow_custom",
                TRANSIT_GATEWAY));
        this.blocks = load(listResource);
    }

    /** How many blocks the list holds. */
    public int listSize() {
        return blocks.size();
    }

    @Override
    public boolean matches(Event event) {
        if (!"ACCEPT".equals(event.normalized.action) && !TRANSIT_GATEWAY.equals(event.logType)) {
            return false;
        }
        return listed(event.normalized.srcAddr)
                || listed(event.normalized.dstAddr)
                || listed(event.text("pkt_srcaddr"))
                || listed(event.text("pkt_dstaddr"));
    }

    private boolean listed(String address) {
        return Cidr.anyContains(blocks, address);
    }

    private static List<Cidr> load(String resource) {
        ClassLoader loader = VpcFlowTrafficToBadIp.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("vpc_flow_traffic_to_bad_ip: " + resource + " is not on the classpath");
            }
            List<Cidr> blocks = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                int hash = line.indexOf('#');
                String cidr = (hash < 0 ? line : line.substring(0, hash)).trim();
                if (!cidr.isEmpty()) {
                    try {
                        blocks.add(Cidr.parse(cidr));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(resource + ":" + lineNumber + ": " + e.getMessage());
                    }
                }
            }
            return List.copyOf(blocks);
        } catch (IOException e) {
            throw new UncheckedIOException("vpc_flow_traffic_to_bad_ip: cannot read " + resource, e);
        }
    }
}
