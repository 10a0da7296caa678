package dev.streamwarden.api;

import java.util.Objects;

/**
 * A value of an event that could not be typed as its log type declares. The event is kept (one bad value never loses
 * an event); the value stays in the record as written, its typed lake column is null, and this says which field and
 * why. The lake stores these in {@code meta.coercion_errors}.
 */
public class CoercionError {
    /** The field as the schema names it, e.g. "eventTime"; "normalized.src_port" for a normalized field. */
    public String field;
    /** What is wrong, e.g. "'2025-02-30T10:00:00Z' is not a timestamp in format iso8601". */
    public String reason;

    public CoercionError() {}

    public CoercionError(String field, String reason) {
        this.field = field;
        this.reason = reason;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof CoercionError)) {
            return false;
        }
        CoercionError e = (CoercionError) o;
        return Objects.equals(field, e.field) && Objects.equals(reason, e.reason);
    }

    @Override
    public int hashCode() {
        return Objects.hash(field, reason);
    }

    @Override
    public String toString() {
        return field + ": " + reason;
    }
}
