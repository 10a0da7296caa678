package dev.streamwarden.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** Small helpers shared by rules. */
public final class Matchers {
    private Matchers() {}

    /** True when the text equals one of the options (null never matches). */
    public static boolean anyOf(String value, String... options) {
        if (value == null) {
            return false;
        }
        for (String option : options) {
            if (option.equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** True when any node below {@code root} (depth-first, objects and arrays) satisfies the predicate. */
    public static boolean anyNode(JsonNode root, Predicate<JsonNode> predicate) {
        if (root == null || root.isMissingNode()) {
            return false;
        }
        if (predicate.test(root)) {
            return true;
        }
        for (JsonNode child : root) {
            if (anyNode(child, predicate)) {
                return true;
            }
        }
        return false;
    }
}
