package dev.streamwarden.job.classify.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.job.model.Reasons;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The json parser's {@code explode} option: one record per element of every array in a map, as osquery's batch
 * format ({@code --logger_event_type=false}) writes a query's changes ({@code "diffResults": {"added": [...],
 * "removed": [...]}}) where its event format writes one line per row. Each record keeps the other keys, holds the
 * element under {@code element} and the array's name under {@code key} — exactly the event format's line.
 */
final class Explode implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The key of the map of arrays. */
    final String path;
    /** Where each element goes in its record. */
    final String element;
    /** Where the array's name goes in its record. */
    final String key;

    Explode(String path, String element, String key) {
        this.path = path;
        this.element = element;
        this.key = key;
    }

    /** The records in one record; the input is not changed. */
    List<ObjectNode> records(ObjectNode record) throws Miss {
        JsonNode arrays = record.get(path);
        if (arrays == null || arrays.isNull()) {
            throw new Miss(path + " is absent", 1);
        }
        if (!arrays.isObject()) {
            throw new Miss(path + " is " + Reasons.kind(arrays) + ", not a map of arrays", 1);
        }
        // Shallow copies: schemas type a record's top-level values only, and the input stays as it was.
        ObjectNode rest = record.objectNode().setAll(record);
        rest.remove(path);
        List<ObjectNode> records = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = arrays.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> array = it.next();
            if (!array.getValue().isArray()) {
                throw new Miss(
                        path + "." + array.getKey() + " is " + Reasons.kind(array.getValue()) + ", not an array", 1);
            }
            for (JsonNode element : array.getValue()) {
                ObjectNode row = rest.objectNode().setAll(rest);
                row.set(this.element, element);
                row.put(key, array.getKey());
                records.add(row);
            }
        }
        if (records.isEmpty()) {
            // The shape is this log type's beyond doubt, but nothing happened: say so rather than yield no event.
            throw new Miss(path + " holds no rows", Integer.MAX_VALUE);
        }
        return records;
    }
}
