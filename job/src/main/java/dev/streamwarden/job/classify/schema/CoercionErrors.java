package dev.streamwarden.job.classify.schema;

import dev.streamwarden.api.CoercionError;
import java.util.ArrayList;
import java.util.List;

/** The values of one event that did not type, collected while it is built; nearly always none, so nothing is held. */
final class CoercionErrors {
    private List<CoercionError> errors;

    void add(String field, String reason) {
        if (errors == null) {
            errors = new ArrayList<>(2);
        }
        errors.add(new CoercionError(field, reason));
    }

    void addAll(List<CoercionError> more) {
        if (more != null) {
            more.forEach(e -> add(e.field, e.reason));
        }
    }

    /** For {@code Event.coercionErrors}: null when every value typed. */
    CoercionError[] toArray() {
        return errors == null ? null : errors.toArray(new CoercionError[0]);
    }
}
