package dev.streamwarden.api;

import java.io.Serializable;

/**
 * A reusable named predicate checked before a rule (StreamAlert's matchers), e.g. "production account" or "not a
 * service principal". A rule with matchers sees only events all of them accept.
 */
public final class Matcher implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The check itself; Serializable so rules holding it ship to the cluster. */
    public interface Check extends Serializable {
        boolean test(Event event);
    }

    private final String name;
    private final Check check;

    private Matcher(String name, Check check) {
        this.name = name;
        this.check = check;
    }

    public static Matcher of(String name, Check check) {
        return new Matcher(name, check);
    }

    public String name() {
        return name;
    }

    public boolean test(Event event) {
        return check.test(event);
    }

    @Override
    public String toString() {
        return "Matcher(" + name + ")";
    }
}
