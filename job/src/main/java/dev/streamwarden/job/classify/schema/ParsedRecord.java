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
    /**
     * How much of its format the parser recognised in this record (0 when the parser's own check is weak, as a
     * field count is): added to the closeness of a miss the schema's checks find afterwards, so a syslog line whose
     * program is not sshd ranks above a line that merely has the flow-log field count (see {@link Miss}).
     */
    int closeness;
    /** The time the record's envelope gives (EventBridge's {@code time}), epoch millis; 0 when there is none. */
    long envelopeTime;
    /** Where {@link #envelopeTime} came from, to name it when it is not used ("envelope.time"). */
    String envelopeTimeField;

    /** Why this batch element is not a record (it is not an object, its embedded JSON is not JSON), or null. */
    final Miss notARecord;

    ParsedRecord(ObjectNode tree, String text) {
        this(tree, text, null);
    }

    private ParsedRecord(ObjectNode tree, String text, Miss notARecord) {
        this.tree = tree;
        this.text = text;
        this.notARecord = notARecord;
    }

    /** A batch element that is not a record at all, kept so that it becomes a dead letter and its siblings events. */
    static ParsedRecord notARecord(Miss why, String element) {
        return new ParsedRecord(null, element, why);
    }

    /** Says how much of its format the parser recognised (see {@link #closeness}). */
    ParsedRecord recognised(int closeness) {
        this.closeness = closeness;
        return this;
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
