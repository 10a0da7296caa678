package dev.streamwarden.job.detect;

import java.util.List;

/**
 * A rule picked outputs for an event ({@code MatchRule.dynamicOutputs}) that its spec does not declare
 * ({@code RuleSpec.withDynamicOutputs}): they were never checked at start-up, so they are not used.
 */
public final class UndeclaredOutputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UndeclaredOutputException(List<String> outputs) {
        super("dynamic outputs " + outputs + " are not declared (RuleSpec.withDynamicOutputs); the alert went to its"
                + " declared outputs only");
    }
}
