package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * An alert routed (by a dynamic output) to a {@code slack:} or {@code webhook:} output that has no destination
 * becomes a failed delivery with that reason, so it lands in the failed-alerts output instead of going nowhere.
 * Static outputs were checked at start-up; this is for outputs rules choose per event.
 */
public class UnroutedOutputs extends ProcessFunction<Alert, DeliveryResult> {
    private static final long serialVersionUID = 1L;

    private final Set<String> routed;
    private final boolean slackDefault;

    /** {@code routed}: outputs with a destination; {@code slackDefault}: a default webhook takes any slack:*. */
    public UnroutedOutputs(Set<String> routed, boolean slackDefault) {
        this.routed = new HashSet<>(routed);
        this.slackDefault = slackDefault;
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<DeliveryResult> out) {
        for (String output : alert.outputs) {
            boolean delivering = output.startsWith(ForOutputs.SLACK) || output.startsWith(ForOutputs.WEBHOOK);
            boolean covered = routed.contains(output) || (slackDefault && output.startsWith(ForOutputs.SLACK));
            if (delivering && !covered) {
                out.collect(DeliveryResult.of(output, alert, false, 0, "no destination configured for " + output));
            }
        }
    }
}
