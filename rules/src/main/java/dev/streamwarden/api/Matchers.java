package dev.streamwarden.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Small helpers shared by rules. All are null-safe: a null value never matches. */
public final class Matchers {
    private Matchers() {}

    /** True when the text equals one of the options. */
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

    /** True when the text contains the part, ignoring case. */
    public static boolean containsIgnoreCase(String value, String part) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** Shell-style wildcard match over the whole text: {@code *} any run, {@code ?} one character. */
    public static boolean glob(String value, String pattern) {
        return value != null && globPattern(pattern).matcher(value).matches();
    }

    /** Compiles a glob once, for rules that match many events against it. */
    public static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    /** True when the address (IPv4 or IPv6 literal) lies in the CIDR block ("10.0.0.0/8", "2001:db8::/32"). */
    public static boolean inCidr(String address, String cidr) {
        try {
            return Cidr.parse(cidr).contains(address);
        } catch (IllegalArgumentException badBlock) {
            return false;
        }
    }

    /** True when the address lies in any of the blocks. */
    public static boolean inAnyCidr(String address, Iterable<String> cidrs) {
        for (String cidr : cidrs) {
            if (inCidr(address, cidr)) {
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
