package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.MatchRule;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.Severity;

/**
 * A user marked a Duo authentication request as fraudulent (StreamAlert's rule of the same name): the
 * authentication log's result is {@code fraud}. Someone else most likely holds the user's primary credentials.
 * Compared ignoring case, as the v1 API wrote {@code FRAUD} and v2 writes {@code fraud}.
 */
public final class DuoFraud extends MatchRule {
    private static final long serialVersionUID = 1L;

    public DuoFraud() {
        super(RuleSpec.of(
                "duo_fraud",
                Severity.HIGH,
                "A user reported a Duo authentication request as fraud: their password is likely known to someone "
                        + "else. Contact the user, reset the password and review the access device's address.",
                "duo_authentication"));
    }

    @Override
    public boolean matches(Event event) {
        return "fraud".equalsIgnoreCase(event.text("result"));
    }
}
