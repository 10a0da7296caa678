package dev.streamwarden.job.deliver;

import dev.streamwarden.job.detect.StageAlerts;
import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
import java.util.HashSet;
import java.util.Set;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * An alert routed to an output that has no destination (anything but {@code staging}, a {@code slack:} output a
 * webhook serves, or a configured {@code webhook:}) becomes a failed delivery with that reason, so it lands in the
 * failed-alerts output instead of going nowhere. The job checks rules' outputs, static and dynamic, at start-up;
 * this covers what start-up cannot see, such as a failed-alerts file given to {@code redeliver} under another
 * configuration.
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
            boolean covered = output.equals(StageAlerts.STAGING)
                    || routed.contains(output)
                    || (slackDefault && output.startsWith(ForOutputs.SLACK));
            if (!covered) {
                out.collect(DeliveryResult.of(output, alert, false, 0, "no destination configured for " + output));
            }
        }
    }
}
