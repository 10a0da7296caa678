package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.streamwarden.job.metrics.Tally;
import dev.streamwarden.job.model.Alert;
import java.io.IOException;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed-alerts line back into the alert it carries, addressed only to the output that failed (its other outputs
 * had it already); a line that is not one is counted and logged, not sent.
 */
public class ParseFailedAlert extends ProcessFunction<String, Alert> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ParseFailedAlert.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private transient Tally unreadable;

    @Override
    public void open(OpenContext openContext) {
        unreadable = Tally.of(getRuntimeContext(), "redeliver_unreadable");
    }

    @Override
    public void processElement(String line, Context ctx, Collector<Alert> out) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonNode node = MAPPER.readTree(line);
            Alert alert = AlertJson.fromJson(node);
            String failedOutput = node.path("failed_output").asText("");
            if (!failedOutput.isEmpty()) {
                alert.outputs = new String[] {failedOutput};
            }
            out.collect(alert);
        } catch (IOException | RuntimeException e) {
            unreadable.inc();
            LOG.warn(
                    "Not a failed-alert line ({}), skipped: {}",
                    e.getMessage(),
                    line.length() > 200 ? line.substring(0, 200) + "…" : line);
        }
    }
}
