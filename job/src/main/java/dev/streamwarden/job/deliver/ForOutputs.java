package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import org.apache.flink.api.common.functions.FilterFunction;

/** Keeps the alerts routed to any output whose name starts with a prefix (e.g. "slack:"). */
public class ForOutputs implements FilterFunction<Alert> {
    private static final long serialVersionUID = 1L;

    private final String prefix;

    public ForOutputs(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public boolean filter(Alert alert) {
        for (String output : alert.outputs) {
            if (output.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
