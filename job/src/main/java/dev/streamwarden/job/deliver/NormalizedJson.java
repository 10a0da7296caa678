package dev.streamwarden.job.deliver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.streamwarden.api.Normalized;

/** Normalized fields as JSON: the fields an event has, in their documented order, ports and protocol as numbers. */
public final class NormalizedJson {
    private NormalizedJson() {}

    public static ObjectNode putFields(ObjectNode target, Normalized normalized) {
        if (normalized == null) {
            return target;
        }
        for (String name : Normalized.NAMES) {
            Object value = normalized.get(name);
            if (value instanceof Integer) {
                target.put(name, (Integer) value);
            } else if (value != null) {
                target.put(name, value.toString());
            }
        }
        return target;
    }
}
