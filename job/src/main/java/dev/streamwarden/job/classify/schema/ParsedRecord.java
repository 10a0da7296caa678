package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.CoercionError;
import java.util.ArrayList;
import java.util.List;

/** One record a parser found: its tree, and its original JSON text when the tree is exactly that text. */
public final class ParsedRecord {
    final ObjectNode tree;
    /** Null when the parser built the tree (text logs, extracted JSON): then the tree is the record. */
    final String text;
    /** Values the parser could not read but the record is kept without (e.g. a syslog time of 25:61:61); or null. */
    List<CoercionError> errors;
    /** The time the record's envelope gives (EventBridge's {@code time}), epoch millis; 0 when there is none. */
    long envelopeTime;
    /** Where {@link #envelopeTime} came from, to name it when it is not used ("envelope.time"). */
    String envelopeTimeField;

    ParsedRecord(ObjectNode tree, String text) {
        this.tree = tree;
        this.text = text;
    }

    /** Records a value the parser left out of the record because it could not read it. */
    ParsedRecord withError(String field, String reason) {
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        errors.add(new CoercionError(field, reason));
        return this;
    }
}
