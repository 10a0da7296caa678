package dev.streamwarden.api;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a rule is, apart from how it matches: name, description, severity, log types, outputs, context, merging
 * and staging. Immutable; the {@code with...} methods return changed copies.
 */
public final class RuleSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private String name;
    private String description;
    private Severity severity;
    private Set<String> logTypes;
    private List<String> outputs = List.of("slack:default");
    private List<String> dynamicOutputs = List.of();
    private Map<String, String> context = Map.of();
    private List<String> mergeKeys = List.of();
    private Duration mergeWindow;
    private boolean staged;
    private Set<String> normalizedFields = Set.of();
    private List<String> requiredSubkeys = List.of();
    private List<Matcher> matchers = List.of();

    private RuleSpec() {}

    public static RuleSpec of(String name, Severity severity, String description, String... logTypes) {
        if (logTypes.length == 0) {
            throw new IllegalArgumentException("rule " + name + " names no log types");
        }
        return create(name, severity, description, logTypes);
    }

    /**
     * A rule for any log type whose events carry all these normalized fields (StreamAlert's datatypes), e.g. every
     * event with a {@code src_addr}, whatever log it came from.
     */
    public static RuleSpec forNormalized(String name, Severity severity, String description, String... fields) {
        if (fields.length == 0) {
            throw new IllegalArgumentException("rule " + name + " names no normalized fields");
        }
        for (String field : fields) {
            if (!Normalized.NAMES.contains(field)) {
                throw new IllegalArgumentException(
                        "rule " + name + ": '" + field + "' is not a normalized field " + Normalized.NAMES);
            }
        }
        RuleSpec spec = create(name, severity, description);
        spec.normalizedFields = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(fields)));
        return spec;
    }

    private static RuleSpec create(String name, Severity severity, String description, String... logTypes) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("rule name must be lower_snake_case: " + name);
        }
        RuleSpec spec = new RuleSpec();
        spec.name = name;
        spec.description = Objects.requireNonNull(description, "description");
        spec.severity = Objects.requireNonNull(severity, "severity");
        spec.logTypes = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(logTypes)));
        return spec;
    }

    public RuleSpec withOutputs(String... outputs) {
        RuleSpec copy = copy();
        copy.outputs = List.of(outputs);
        return copy;
    }

    /**
     * The outputs {@link MatchRule#dynamicOutputs} may add per event (e.g. a high-severity channel), so that they
     * are checked at start-up with the static ones. An output a rule adds without declaring it here is not used: the
     * event is dead-lettered naming the rule and the output, and the alert goes to its declared outputs.
     */
    public RuleSpec withDynamicOutputs(String... outputs) {
        RuleSpec copy = copy();
        copy.dynamicOutputs = List.of(outputs);
        return copy;
    }

    /** Free-form data handed to outputs with every alert, e.g. {@code "runbook", "https://..."}. */
    public RuleSpec withContext(String key, String value) {
        RuleSpec copy = copy();
        Map<String, String> more = new LinkedHashMap<>(context);
        more.put(key, value);
        copy.context = Collections.unmodifiableMap(more);
        return copy;
    }

    /**
     * Alerts of this rule with the same values of {@code keys} (normalized field names or record paths) within
     * {@code window} become one: the first is sent at once, the rest are summarized when the window closes.
     */
    public RuleSpec withMerge(Duration window, String... keys) {
        if (window.isNegative() || window.isZero() || keys.length == 0) {
            throw new IllegalArgumentException(name + ": merging needs a positive window and at least one key");
        }
        RuleSpec copy = copy();
        copy.mergeWindow = window;
        copy.mergeKeys = List.of(keys);
        return copy;
    }

    /** A staged rule runs on live data but sends only to the staging output until promoted by configuration. */
    public RuleSpec staged() {
        RuleSpec copy = copy();
        copy.staged = true;
        return copy;
    }

    /** The rule sees only events where all these dotted paths are present (StreamAlert's req_subkeys). */
    public RuleSpec withRequiredSubkeys(String... paths) {
        RuleSpec copy = copy();
        copy.requiredSubkeys = List.of(paths);
        return copy;
    }

    /** The rule sees only events every matcher accepts. */
    public RuleSpec withMatchers(Matcher... matchers) {
        RuleSpec copy = copy();
        copy.matchers = List.of(matchers);
        return copy;
    }

    private RuleSpec copy() {
        RuleSpec copy = new RuleSpec();
        copy.name = name;
        copy.description = description;
        copy.severity = severity;
        copy.logTypes = logTypes;
        copy.outputs = outputs;
        copy.dynamicOutputs = dynamicOutputs;
        copy.context = context;
        copy.mergeKeys = mergeKeys;
        copy.mergeWindow = mergeWindow;
        copy.staged = staged;
        copy.normalizedFields = normalizedFields;
        copy.requiredSubkeys = requiredSubkeys;
        copy.matchers = matchers;
        return copy;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public Severity severity() {
        return severity;
    }

    public Set<String> logTypes() {
        return logTypes;
    }

    public List<String> outputs() {
        return outputs;
    }

    /** The outputs the rule may add per event (declared with {@link #withDynamicOutputs}). */
    public List<String> dynamicOutputs() {
        return dynamicOutputs;
    }

    public Map<String, String> context() {
        return context;
    }

    public List<String> mergeKeys() {
        return mergeKeys;
    }

    /** The merge window, or null when alerts of this rule are not merged. */
    public Duration mergeWindow() {
        return mergeWindow;
    }

    public boolean isStaged() {
        return staged;
    }

    /** Normalized fields every event offered to the rule carries; empty for rules chosen by log type alone. */
    public Set<String> normalizedFields() {
        return normalizedFields;
    }

    public List<String> requiredSubkeys() {
        return requiredSubkeys;
    }

    public List<Matcher> matchers() {
        return matchers;
    }

    /** True when the event carries the required subkeys and normalized fields and passes every matcher. */
    public boolean admits(Event event) {
        for (String field : normalizedFields) {
            if (event.normalized.get(field) == null) {
                return false;
            }
        }
        for (String path : requiredSubkeys) {
            if (event.text(path) == null && !event.at(path).isContainerNode()) {
                return false;
            }
        }
        for (Matcher matcher : matchers) {
            if (!matcher.test(event)) {
                return false;
            }
        }
        return true;
    }
}
