package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import dev.streamwarden.api.ThresholdRule;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * SSH brute force: at least 10 rejected sshd authentication attempts from one client within 60 seconds, in event
 * time and across hosts (the key is the attacker, not the target).
 *
 * <p>One attempt often writes several lines, so the rule counts the one line each attempt writes exactly once:
 * sshd's own "Failed METHOD for [invalid user] USER from ADDRESS" (every OpenSSH writes it for each rejected password
 * or keyboard-interactive attempt; "Failed none", the probe a client makes before its first real attempt, does not
 * count), and PAM's "authentication failure" only where it is the sole record of the attempt: under the Red
 * Hat-style {@code sshd(pam_unix)} program, whose logs carry no sshd lines. Not counted, because they accompany a
 * counted line of the same attempt or connection: "Invalid user" and "input_userauth_request" (once per connection,
 * before its attempts), {@code pam_unix(sshd:auth)} failures and "check pass", and the summaries ("Too many
 * authentication failures", "maximum authentication attempts exceeded", "PAM n more authentication failures").
 * "message repeated N times: [ Failed ...]" counts once, as the N attempts it stands for cannot be counted apart.
 * The client is the source address, or the name PAM or sshd logged when it resolved one.
 */
public final class SshBruteForce extends ThresholdRule {
    private static final long serialVersionUID = 1L;
    /** The program PAM logged under on older Red Hat systems, where sshd's own lines went to another file. */
    private static final String PAM_ONLY_PROGRAM = "sshd(pam_unix)";

    public SshBruteForce() {
        super(
                RuleSpec.of(
                        "ssh_brute_force",
                        Severity.MEDIUM,
                        "Many rejected SSH logins from one address within a minute: a likely password-guessing attack.",
                        "sshd"),
                10,
                Duration.ofSeconds(60));
    }

    @Override
    public boolean filter(Event event) {
        return client(event) != null && (rejectedAttempt(event) || pamOnlyFailure(event));
    }

    @Override
    public LinkedHashMap<String, String> key(Event event) {
        LinkedHashMap<String, String> key = new LinkedHashMap<>();
        key.put("src_addr", client(event));
        return key;
    }

    private static boolean rejectedAttempt(Event event) {
        return "Failed".equals(event.text("result")) && !"none".equals(event.text("method"));
    }

    private static boolean pamOnlyFailure(Event event) {
        return "pam_auth_failure".equals(event.text("message_type")) && PAM_ONLY_PROGRAM.equals(event.text("app"));
    }

    private static String client(Event event) {
        return event.normalized.srcAddr != null ? event.normalized.srcAddr : event.text("address");
    }
}
