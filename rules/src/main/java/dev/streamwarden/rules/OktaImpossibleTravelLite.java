package dev.streamwarden.rules;

import dev.streamwarden.api.Event;
import dev.streamwarden.api.RuleSpec;
import dev.streamwarden.api.SequenceRule;
import dev.streamwarden.api.Severity;
import java.time.Duration;
import java.util.LinkedHashMap;

/**
 * Impossible travel, lite: the same Okta user signs in successfully from two different countries within an hour.
 * "Lite" because it compares countries, not distances and speeds.
 */
public final class OktaImpossibleTravelLite extends SequenceRule {
    private static final long serialVersionUID = 1L;

    public OktaImpossibleTravelLite() {
        super(
                RuleSpec.of(
                        "okta_impossible_travel_lite",
                        Severity.MEDIUM,
                        "One Okta user signed in from two countries within an hour.",
                        "okta_system"),
                Duration.ofHours(1));
    }

    @Override
    public boolean first(Event event) {
        return isLogin(event);
    }

    @Override
    public boolean then(Event event) {
        return isLogin(event);
    }

    @Override
    public LinkedHashMap<String, String> key(Event event) {
        LinkedHashMap<String, String> key = new LinkedHashMap<>();
        key.put("user_name", event.normalized.userName);
        return key;
    }

    @Override
    public String value(Event event) {
        return event.text("client.geographicalContext.country");
    }

    @Override
    public boolean completes(String firstCountry, String thenCountry) {
        return firstCountry != null && thenCountry != null && !firstCountry.equals(thenCountry);
    }

    private static boolean isLogin(Event event) {
        return "user.session.start".equals(event.normalized.eventName)
                && "success".equals(event.normalized.outcome)
                && event.normalized.userName != null
                && event.text("client.geographicalContext.country") != null;
    }
}
