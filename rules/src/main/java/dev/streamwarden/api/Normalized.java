package dev.streamwarden.api;

import java.util.List;
import java.util.Objects;

/**
 * Fields shared across log types, so a rule can ask "which address?" without knowing the log's layout. Every
 * field is nullable: a log type fills only what it carries. {@link #NAMES} are the snake_case names schemas map to
 * and the lake's {@code normalized} columns use.
 */
public class Normalized {
    /** The snake_case names, in column order. */
    public static final List<String> NAMES = List.of(
            "src_addr",
            "src_port",
            "dst_addr",
            "dst_port",
            "protocol",
            "user_name",
            "user_arn",
            "user_type",
            "account",
            "region",
            "event_name",
            "action",
            "outcome",
            "user_agent",
            "process_command",
            "file_path",
            "hash",
            "domain",
            "host");

    /** Source (client) IP address. */
    public String srcAddr;

    /** Source port. */
    public Integer srcPort;

    /** Destination (server) IP address. */
    public String dstAddr;

    /** Destination port. */
    public Integer dstPort;

    /** IANA protocol number (6 = TCP, 17 = UDP). */
    public Integer protocol;

    /** User (login) name. */
    public String userName;

    /** User identity: an ARN, or the identity provider's id. */
    public String userArn;

    /** Kind of identity (Root, IAMUser, AssumedRole, User...). */
    public String userType;

    /** Cloud account id. */
    public String account;

    /** Cloud region. */
    public String region;

    /** What was done (API call, event type). */
    public String eventName;

    /** What the control did: ACCEPT/REJECT, ALLOW/BLOCK. */
    public String action;

    /** success or failure. */
    public String outcome;

    /** Client user agent. */
    public String userAgent;

    /** Process command line. */
    public String processCommand;

    /** File path. */
    public String filePath;

    /** File hash (the strongest the log carries). */
    public String hash;

    /** Domain name (DNS query, HTTP host). */
    public String domain;

    /** Host the event happened on. */
    public String host;

    public Normalized() {}

    /** Sets a field by its snake_case name; numbers arrive as text or numbers and are parsed. */
    public void set(String name, Object value) {
        switch (name) {
            case "src_addr":
                srcAddr = value == null ? null : value.toString();
                break;
            case "src_port":
                srcPort = toInteger(value);
                break;
            case "dst_addr":
                dstAddr = value == null ? null : value.toString();
                break;
            case "dst_port":
                dstPort = toInteger(value);
                break;
            case "protocol":
                protocol = toInteger(value);
                break;
            case "user_name":
                userName = value == null ? null : value.toString();
                break;
            case "user_arn":
                userArn = value == null ? null : value.toString();
                break;
            case "user_type":
                userType = value == null ? null : value.toString();
                break;
            case "account":
                account = value == null ? null : value.toString();
                break;
            case "region":
                region = value == null ? null : value.toString();
                break;
            case "event_name":
                eventName = value == null ? null : value.toString();
                break;
            case "action":
                action = value == null ? null : value.toString();
                break;
            case "outcome":
                outcome = value == null ? null : value.toString();
                break;
            case "user_agent":
                userAgent = value == null ? null : value.toString();
                break;
            case "process_command":
                processCommand = value == null ? null : value.toString();
                break;
            case "file_path":
                filePath = value == null ? null : value.toString();
                break;
            case "hash":
                hash = value == null ? null : value.toString();
                break;
            case "domain":
                domain = value == null ? null : value.toString();
                break;
            case "host":
                host = value == null ? null : value.toString();
                break;
            default:
                throw new IllegalArgumentException("unknown normalized field " + name + " (known: " + NAMES + ")");
        }
    }

    /** A field by its snake_case name. */
    public Object get(String name) {
        switch (name) {
            case "src_addr":
                return srcAddr;
            case "src_port":
                return srcPort;
            case "dst_addr":
                return dstAddr;
            case "dst_port":
                return dstPort;
            case "protocol":
                return protocol;
            case "user_name":
                return userName;
            case "user_arn":
                return userArn;
            case "user_type":
                return userType;
            case "account":
                return account;
            case "region":
                return region;
            case "event_name":
                return eventName;
            case "action":
                return action;
            case "outcome":
                return outcome;
            case "user_agent":
                return userAgent;
            case "process_command":
                return processCommand;
            case "file_path":
                return filePath;
            case "hash":
                return hash;
            case "domain":
                return domain;
            case "host":
                return host;
            default:
                throw new IllegalArgumentException("unknown normalized field " + name + " (known: " + NAMES + ")");
        }
    }

    /** True for the numeric fields (ports, protocol). */
    public static boolean isInteger(String name) {
        return name.equals("src_port") || name.equals("dst_port") || name.equals("protocol");
    }

    private static Integer toInteger(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number) {
            return ((Number) value).intValue();
        }
        try {
            return Integer.valueOf(value.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Normalized)) {
            return false;
        }
        Normalized n = (Normalized) o;
        for (String name : NAMES) {
            if (!Objects.equals(get(name), n.get(name))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return Objects.hash(srcAddr, dstAddr, srcPort, dstPort, eventName, userName, userArn);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("Normalized{");
        for (String name : NAMES) {
            Object value = get(name);
            if (value != null) {
                s.append(s.length() > 11 ? ", " : "").append(name).append('=').append(value);
            }
        }
        return s.append('}').toString();
    }
}
