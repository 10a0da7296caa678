package dev.streamwarden.job.deliver;

import dev.streamwarden.job.model.Alert;
import dev.streamwarden.job.model.DeliveryResult;
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

    private final OutputRoutes routes;

    public UnroutedOutputs(OutputRoutes routes) {
        this.routes = routes;
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<DeliveryResult> out) {
        for (String output : alert.outputs) {
            if (!routes.serves(output)) {
                out.collect(DeliveryResult.of(output, alert, false, 0, "no destination configured for " + output));
            }
        }
    }
}
