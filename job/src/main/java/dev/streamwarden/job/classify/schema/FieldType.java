package dev.streamwarden.job.classify.schema;

import java.util.Locale;

/**
 * The types a schema field can have. Values are coerced to them; what happens when a value does not coerce depends
 * on whether the field discriminates ({@link FieldSpec#discriminating}): a miss, or a kept event with the failure
 * recorded. {@code JSON} takes any value (object, array, string, number, boolean) and stores it as JSON text: for
 * fields the vendor writes in several shapes, such as CloudTrail's {@code requestParameters}.
 */
public enum FieldType {
    STRING,
    INTEGER,
    FLOAT,
    BOOLEAN,
    TIMESTAMP,
    MAP,
    LIST,
    JSON;

    /** Whether the lake stores the field's values as JSON text (maps, lists, json). */
    public boolean storedAsJson() {
        return this == MAP || this == LIST || this == JSON;
    }

    static FieldType parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unknown type '" + name + "' (string, integer, float, boolean, timestamp, map, list, json)");
        }
    }
}
