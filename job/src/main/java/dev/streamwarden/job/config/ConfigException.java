package dev.streamwarden.job.config;

import java.util.List;

/**
 * A configuration that cannot run; the message names the key and what is wrong — every problem found, when there
 * are several ({@link #problems()}), so one round of fixes is enough.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    public ConfigException(String message) {
        this(List.of(message));
    }

    private ConfigException(List<String> problems) {
        super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem, one line each. */
    public List<String> problems() {
        return problems;
    }

    /** Throws one exception naming every problem, when there is one. */
    public static void throwIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
