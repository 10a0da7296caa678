package dev.streamwarden.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.streamwarden.api.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the rule tests cannot see: the outputs a GuardDuty finding is routed to. */
class GuardDutyAllTest {
    private final GuardDutyAll rule = new GuardDutyAll();

    private static Event finding(String severity, String service) {
        Event event = new Event();
        event.logType = "guardduty";
        event.record = "{\"type\":\"UnauthorizedAccess:EC2/SSHBruteForce\",\"severity\":" + severity + ",\"service\":"
                + service + "}";
        return event;
    }

    @Test
    void routesHighAndCriticalFindingsToTheHighChannelToo() {
        assertEquals(List.of("slack:security"), rule.spec().outputs());
        assertEquals(List.of(GuardDutyAll.HIGH_OUTPUT), rule.spec().dynamicOutputs(), "declared: start-up checks it");
        assertEquals(List.of(), rule.dynamicOutputs(finding("2", "{\"archived\":false}")));
        assertEquals(List.of(), rule.dynamicOutputs(finding("6.9", "{\"archived\":false}")));
        assertEquals(List.of("slack:security-high"), rule.dynamicOutputs(finding("7.0", "{\"archived\":false}")));
        assertEquals(List.of("slack:security-high"), rule.dynamicOutputs(finding("8", "{\"archived\":false}")));
        assertEquals(List.of("slack:security-high"), rule.dynamicOutputs(finding("9.5", "{\"archived\":false}")));
    }

    @Test
    void skipsArchivedAndSampleFindingsOnly() {
        assertTrue(rule.matches(finding("5", "{\"archived\":false,\"additionalInfo\":{\"type\":\"default\"}}")));
        assertTrue(rule.matches(finding("5", "null")));
        assertFalse(rule.matches(finding("5", "{\"archived\":true}")));
        assertFalse(rule.matches(finding("8", "{\"archived\":false,\"additionalInfo\":{\"sample\":true}}")));
    }
}
