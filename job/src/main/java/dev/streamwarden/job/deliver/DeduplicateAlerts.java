package dev.streamwarden.job.deliver;

import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.Alert;
import java.time.Duration;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by alert id (deterministic: the same detection always has the same id): an id seen within the horizon is
 * not passed on again. Ids are remembered when an alert enters delivery, not when a webhook confirms it: every
 * alert emitted before a checkpoint barrier is either delivered or waiting in a delivery operator's checkpointed
 * queue, so a restart resends it from there and the source's replay of the same events does not add a second copy.
 * Producer retries (the same Kinesis record put twice) are caught the same way. The horizon is processing time and
 * survives restarts (TTL timestamps are part of the state).
 */
public class DeduplicateAlerts extends KeyedProcessFunction<String, Alert, Alert> {
    private static final long serialVersionUID = 1L;

    private final Duration horizon;

    private transient ValueState<Boolean> seen;
    private transient Tally duplicates;

    public DeduplicateAlerts(Duration horizon) {
        this.horizon = horizon;
    }

    @Override
    public void open(OpenContext openContext) {
        ValueStateDescriptor<Boolean> descriptor = new ValueStateDescriptor<>("seen", Types.BOOLEAN);
        descriptor.enableTimeToLive(StateTtlConfig.newBuilder(horizon).build());
        seen = getRuntimeContext().getState(descriptor);
        duplicates = Tally.of(getRuntimeContext(), "alerts_duplicate");
    }

    @Override
    public void processElement(Alert alert, Context ctx, Collector<Alert> out) throws Exception {
        if (seen.value() != null) {
            duplicates.inc();
            return;
        }
        seen.update(Boolean.TRUE);
        out.collect(alert);
    }
}
