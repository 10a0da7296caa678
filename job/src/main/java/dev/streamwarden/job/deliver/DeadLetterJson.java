package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.DeadLetter;
import java.time.Instant;
import java.util.Base64;

/** The dead-letter line: which stage, what kind of problem and why, where from, and the original bytes in base64. */
public final class DeadLetterJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private DeadLetterJson() {}

    public static String toLine(DeadLetter d) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("stage", d.stage);
        node.put("cause", d.cause);
        node.put("reason", d.reason);
        node.put("source", d.envelope.source);
        node.put("origin", d.envelope.origin);
        node.put("sequence_number", d.envelope.sequenceNumber);
        node.put("arrival_time", Instant.ofEpochMilli(d.envelope.arrivalTime).toString());
        node.put("data_base64", Base64.getEncoder().encodeToString(d.data == null ? new byte[0] : d.data));
        return node.toString();
    }
}
