package dev.streamwarden.launcher.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** "--name value" options and positional arguments, checked against the options a command knows. */
final class Args {
    final Map<String, String> options = new HashMap<>();
    final List<String> positional = new ArrayList<>();

    static Args parse(List<String> args, Set<String> known) {
        return parse(args, known, Set.of());
    }

    /** {@code flags} are options without a value ({@code --json}); their value reads as "true". */
    static Args parse(List<String> args, Set<String> known, Set<String> flags) {
        Args parsed = new Args();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && flags.contains(arg.substring(2))) {
                parsed.options.put(arg.substring(2), "true");
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!known.contains(name)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (i + 1 >= args.size()) {
                    throw new UsageException("option " + arg + " needs a value");
                }
                parsed.options.put(name, args.get(++i));
            } else {
                parsed.positional.add(arg);
            }
        }
        return parsed;
    }

    String get(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    /** An option's number, which must be above zero. */
    static double positive(String text, String option) {
        try {
            double value = Double.parseDouble(text);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(option + " '" + text + "' is not a positive number");
    }

    /** Raised for a bad command line; the launcher prints the message and the usage. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
