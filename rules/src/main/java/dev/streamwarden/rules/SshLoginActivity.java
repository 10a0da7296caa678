package dev.streamwarden.rules;

import com.fasterxml.jackson.databind.JsonNode;
import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.Matchers;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;
import java.util.Set;

/**
 * A user logged in to a host, as osquery's {@code last} table records it (StreamAlert's rule of the same name): a
 * differential result that {@code added} a row to a query whose name contains "last" (the default
 * incident-response pack names it {@code pack_incident-response_last}) with login type 7, {@code USER_PROCESS}
 * (text or number, depending on osquery's {@code numerics}). Like StreamAlert, rows whose user name is a utmp
 * pseudo-user (LOGIN, reboot, shutdown, runlevel, empty) are ignored.
 */
public final class SshLoginActivity extends MatchRule {
    private static final long serialVersionUID = 1L;

    /** utmp's {@code ut_type} of a user's login session. */
    private static final int USER_PROCESS = 7;

    private static final Set<String> PSEUDO_USERS = Set.of("", "LOGIN", "reboot", "shutdown", "runlevel");

    public SshLoginActivity() {
        super(RuleSpec.of(
                "ssh_login_activity",
                Severity.LOW,
                "A user logged in to a host (osquery last table). Confirm the login was expected for this user, "
                        + "host and source address.",
                "osquery_differential"));
    }

    @Override
    public boolean matches(Event event) {
        if (!"added".equals(event.text("action")) || !Matchers.containsIgnoreCase(event.text("name"), "last")) {
            return false;
        }
        String user = event.text("columns.username");
        return isUserProcess(event.at("columns.type")) && user != null && !PSEUDO_USERS.contains(user);
    }

    private static boolean isUserProcess(JsonNode type) {
        if (type.isNumber()) {
            return type.asInt() == USER_PROCESS;
        }
        return type.isTextual() && type.asText().trim().equals(Integer.toString(USER_PROCESS));
    }
}
