package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import dev.streamwarden.api.ThresholdRule;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * SSH brute force: at least 10 failed sshd authentications from one source address within 60 seconds, in event
 * time and across hosts (the key is the attacker, not the target).
 */
public final class SshBruteForce extends ThresholdRule {
    private static final long serialVersionUID = 1L;

    public SshBruteForce() {
        super(RuleSpec.of("ssh_brute_force", Severity.MEDIUM,
                "Many failed SSH logins from one address within a minute: a likely password-guessing attack.",
                "sshd"), 10, Duration.ofSeconds(60));
    }

    @Override
    public boolean filter(Event event) {
        return "failure".equals(event.normalized.outcome) && event.normalized.srcAddr != null;
    }

    @Override
    public LinkedHashMap<String, String> key(Event event) {
        LinkedHashMap<String, String> key = new LinkedHashMap<>();
        key.put("src_addr", event.normalized.srcAddr);
        return key;
    }
}
