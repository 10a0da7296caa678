package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the alerts routed to one output, or to any Slack output except those with a webhook of their own. */
public class ForOutputs implements FilterFunction<Alert> {
    private static final long serialVersionUID = 1L;

    private final String exactly;
    private final Set<String> except;

    private ForOutputs(String exactly, Set<String> except) {
        this.exactly = exactly;
        this.except = new HashSet<>(except);
    }

    public static ForOutputs named(String output) {
        return new ForOutputs(output, Set.of());
    }

    /** Any {@code slack:*} output not in {@code except}: what the default webhook serves. */
    public static ForOutputs slackExcept(Set<String> except) {
        return new ForOutputs(null, except);
    }

    @Override
    public boolean filter(Alert alert) {
        for (String output : alert.outputs) {
            if (exactly != null
                    ? output.equals(exactly)
                    : output.startsWith(OutputRoutes.SLACK) && !except.contains(output)) {
                return true;
            }
        }
        return false;
    }
}
