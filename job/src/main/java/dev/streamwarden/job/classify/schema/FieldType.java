package dev.streamwarden.job.classify.schema;

import java.util.Locale;

/** The types a schema field can have. Values are coerced to them; a value that does not coerce is a miss. */
public enum FieldType {
    STRING, INTEGER, FLOAT, BOOLEAN, TIMESTAMP, MAP, LIST;

    static FieldType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown type '" + name
                    + "' (string, integer, float, boolean, timestamp, map, list)");
        }
    }
}
