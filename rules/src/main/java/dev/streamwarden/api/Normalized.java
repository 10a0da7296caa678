package dev.streamwarden.api;

import java.util.Objects;

/**
 * Fields shared across log types, so a rule can ask "which address?" without knowing the log's layout.
 * Every field is nullable: a log type fills only what it carries.
 */
public class Normalized {
    public String srcAddr;
    public String dstAddr;
    public Integer srcPort;
    public Integer dstPort;
    /** IANA protocol number (6 = TCP, 17 = UDP). */
    public Integer protocol;
    /** What happened: ACCEPT/REJECT for network logs, "success"/"failure" for API calls. */
    public String action;
    public String account;
    public String region;
    public String eventName;
    public String userName;
    public String userArn;
    public String userType;
    public String userAgent;

    public Normalized() {}

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Normalized)) {
            return false;
        }
        Normalized n = (Normalized) o;
        return Objects.equals(srcAddr, n.srcAddr)
                && Objects.equals(dstAddr, n.dstAddr)
                && Objects.equals(srcPort, n.srcPort)
                && Objects.equals(dstPort, n.dstPort)
                && Objects.equals(protocol, n.protocol)
                && Objects.equals(action, n.action)
                && Objects.equals(account, n.account)
                && Objects.equals(region, n.region)
                && Objects.equals(eventName, n.eventName)
                && Objects.equals(userName, n.userName)
                && Objects.equals(userArn, n.userArn)
                && Objects.equals(userType, n.userType)
                && Objects.equals(userAgent, n.userAgent);
    }

    @Override
    public int hashCode() {
        return Objects.hash(srcAddr, dstAddr, srcPort, dstPort, protocol, action, account, region, eventName,
                userName, userArn, userType, userAgent);
    }

    @Override
    public String toString() {
        return "Normalized{srcAddr=" + srcAddr + ", dstAddr=" + dstAddr + ", srcPort=" + srcPort
                + ", dstPort=" + dstPort + ", protocol=" + protocol + ", action=" + action
                + ", account=" + account + ", region=" + region + ", eventName=" + eventName
                + ", userName=" + userName + ", userArn=" + userArn + ", userType=" + userType
                + ", userAgent=" + userAgent + '}';
    }
}
