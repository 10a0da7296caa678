package dev.streamwarden.api;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What a rule is, apart from how it matches: name, description, severity, log types, outputs. */
public final class RuleSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String description;
    private final Severity severity;
    private final Set<String> logTypes;
    private final List<String> outputs;
    private final Map<String, String> context;

    private RuleSpec(String name, String description, Severity severity, Set<String> logTypes, List<String> outputs,
            Map<String, String> context) {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("rule name must be lower_snake_case: " + name);
        }
        if (logTypes.isEmpty()) {
            throw new IllegalArgumentException("rule " + name + " names no log types");
        }
        this.name = name;
        this.description = Objects.requireNonNull(description, "description");
        this.severity = Objects.requireNonNull(severity, "severity");
        this.logTypes = Collections.unmodifiableSet(logTypes);
        this.outputs = List.copyOf(outputs);
        this.context = Collections.unmodifiableMap(new LinkedHashMap<>(context));
    }

    public static RuleSpec of(String name, Severity severity, String description, String... logTypes) {
        return new RuleSpec(name, description, severity, new LinkedHashSet<>(Arrays.asList(logTypes)),
                List.of("slack:default"), Map.of());
    }

    public RuleSpec withOutputs(String... outputs) {
        return new RuleSpec(name, description, severity, logTypes, Arrays.asList(outputs), context);
    }

    /** Free-form data handed to outputs with every alert, e.g. {@code "runbook", "https://..."}. */
    public RuleSpec withContext(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(context);
        more.put(key, value);
        return new RuleSpec(name, description, severity, logTypes, outputs, more);
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

    public Map<String, String> context() {
        return context;
    }
}
