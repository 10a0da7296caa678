package dev.streamwarden.job.classify.schema;

import java.io.Serializable;
import java.util.Collection;

/**
 * The texts a text format writes for "no value" ({@code null_values}, e.g. "-"): a handful of short strings,
 * compared directly, because every column of every line is looked up here and a hash set would hash each fresh
 * value first.
 */
final class NullValues implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String[] values;

    NullValues(Collection<String> values) {
        this.values = values.toArray(new String[0]);
    }

    boolean contains(String text) {
        for (String value : values) {
            if (value.equals(text)) {
                return true;
            }
        }
        return false;
    }
}
