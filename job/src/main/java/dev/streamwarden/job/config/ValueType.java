package dev.streamwarden.job.config;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How a key's text becomes its value and back. Parsing errors name the key and the text (never for secrets: their
 * type is text, which cannot fail).
 */
abstract class ValueType<T> {
    /** The value of {@code text} (trimmed, not blank) for {@code key}. */
    abstract T parse(String key, String text);

    abstract String format(T value);

    static final ValueType<String> STRING = of(text -> text, text -> text);

    /** {@code true} or {@code false} (any case); anything else is an error, never quietly false. */
    static final ValueType<Boolean> BOOLEAN = new ValueType<>() {
        @Override
        Boolean parse(String key, String text) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw new ConfigException(key + ": '" + text + "' is not true or false");
        }

        @Override
        String format(Boolean value) {
            return value.toString();
        }
    };

    static final ValueType<Long> POSITIVE_LONG = positive(Long::valueOf, "integer", String::valueOf);
    static final ValueType<Integer> POSITIVE_INT =
            positive(text -> (int) Math.min(Integer.MAX_VALUE, Long.parseLong(text)), "integer", String::valueOf);
    static final ValueType<Double> POSITIVE_NUMBER = positive(
            Double::valueOf,
            "number",
            value -> value == Math.rint(value) ? String.valueOf(value.longValue()) : value.toString());

    static final ValueType<Duration> DURATION = new ValueType<>() {
        @Override
        Duration parse(String key, String text) {
            return Durations.parse(key, text);
        }

        @Override
        String format(Duration value) {
            return Durations.format(value);
        }
    };

    static final ValueType<Instant> INSTANT = new ValueType<>() {
        @Override
        Instant parse(String key, String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new ConfigException(key + ": '" + text + "' is not an ISO-8601 instant");
            }
        }

        @Override
        String format(Instant value) {
            return value.toString();
        }
    };

    /** A comma-separated list (blank items dropped). */
    static final ValueType<List<String>> LIST = of(
            text -> Arrays.stream(text.split(","))
                    .filter(item -> !item.isBlank())
                    .map(String::trim)
                    .collect(Collectors.toCollection(ArrayList::new)),
            items -> String.join(",", items));

    /** An enum constant, in any case, '-' for '_'; shown in lower case when {@code lowerCase}. */
    static <E extends Enum<E>> ValueType<E> enumeration(Class<E> type, boolean lowerCase) {
        return new ValueType<>() {
            @Override
            E parse(String key, String text) {
                try {
                    return Enum.valueOf(type, text.toUpperCase(Locale.ROOT).replace('-', '_'));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key + ": '" + text + "' is not one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(this::format)
                                    .collect(Collectors.joining(", ")));
                }
            }

            @Override
            String format(E value) {
                return lowerCase ? value.name().toLowerCase(Locale.ROOT) : value.name();
            }
        };
    }

    private static <T> ValueType<T> of(Function<String, T> parse, Function<T, String> format) {
        return new ValueType<>() {
            @Override
            T parse(String key, String text) {
                return parse.apply(text);
            }

            @Override
            String format(T value) {
                return format.apply(value);
            }
        };
    }

    private static <N extends Number> ValueType<N> positive(
            Function<String, N> parse, String kind, Function<N, String> format) {
        return new ValueType<>() {
            @Override
            N parse(String key, String text) {
                try {
                    N n = parse.apply(text);
                    if (n.doubleValue() > 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new ConfigException(key + ": '" + text + "' is not a positive " + kind);
            }

            @Override
            String format(N value) {
                return format.apply(value);
            }
        };
    }
}
