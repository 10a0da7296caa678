package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.metrics.CloudWatchMetrics;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.DeliveryResult;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Meter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Counts deliveries per output (and, apart, alerts the delivery ledger showed were sent before a restart) and passes
 * on the failures, which go to the failed-alerts output for redelivery.
 */
public class DeliveryOutcomes extends ProcessFunction<DeliveryResult, DeliveryResult> {
    private static final long serialVersionUID = 1L;

    private transient Tally.Family delivered;
    private transient Tally.Family alreadyDelivered;
    private transient Tally.Family failed;
    private transient Meter failuresPerSecond;

    @Override
    public void open(OpenContext openContext) {
        delivered = new Tally.Family(getRuntimeContext(), "delivered");
        alreadyDelivered = new Tally.Family(getRuntimeContext(), "already_delivered");
        failed = new Tally.Family(getRuntimeContext(), "delivery_failed");
        failuresPerSecond = CloudWatchMetrics.rate(
                getRuntimeContext().getMetricGroup(), CloudWatchMetrics.DELIVERY_FAILURES_PER_SECOND);
    }

    @Override
    public void processElement(DeliveryResult result, Context ctx, Collector<DeliveryResult> out) {
        if (result.alreadyDelivered) {
            alreadyDelivered.get(result.output).inc();
        } else if (result.delivered) {
            delivered.get(result.output).inc();
        } else {
            failed.get(result.output).inc();
            failuresPerSecond.markEvent();
            out.collect(result);
        }
    }

    /** A failed-alerts line: the alert as archived, plus where and why delivery failed. */
    public static String toLine(DeliveryResult result) {
        ObjectNode line = AlertJson.toJson(result.alert);
        line.put("failed_output", result.output);
        line.put("attempts", result.attempts);
        line.put("error", result.error);
        return line.toString();
    }
}
