package io.banwatch.agent.cli;

import io.banwatch.model.Choices;
import io.banwatch.model.Level;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A command's options as given. Parsing is strict (unknown options, missing values and stray
 * arguments are usage errors) and typed getters name the option in their error.
 *
 * <p>Hand-written rather than picocli: picocli is Java 5 bytecode, which class data sharing cannot
 * archive, and reading its annotations by reflection made up a third of a daily scan's start.
 */
final class ParsedArgs {
    private final Map<String, String> values;
    private final Map<String, List<String>> repeated;

    private ParsedArgs(Map<String, String> values, Map<String, List<String>> repeated) {
        this.values = values;
        this.repeated = repeated;
    }

    /** Parses {@code args} against {@code options}; {@code --help} and {@code --version} are left to the caller. */
    static ParsedArgs parse(List<Option> options, List<String> args) {
        Map<String, Option> byName = options.stream().collect(Collectors.toMap(Option::name, o -> o));
        Map<String, String> values = new HashMap<>();
        Map<String, List<String>> repeated = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                throw new UsageError("Unexpected argument: '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            Option option = byName.get(name);
            if (option == null) {
                throw new UsageError("Unknown option: '" + name + "'"
                        + Suggestion.closest(name, options.stream().map(Option::name).toList())
                                .map(s -> "; did you mean '" + s + "'?").orElse(""));
            }
            String value;
            if (!option.takesValue()) {
                if (eq > 0) {
                    throw new UsageError("Option '" + name + "' takes no value");
                }
                value = "true";
            } else if (eq > 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.size() && !byName.containsKey(args.get(i + 1))) {
                value = args.get(++i);
            } else {
                throw new UsageError("Missing required parameter for option '" + name + "' (" + option.label() + ")");
            }
            if (option.repeatable()) {
                repeated.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            if (values.put(name, value) != null && option.takesValue() && !option.repeatable()) {
                throw new UsageError("Option '" + name + "' should be specified only once");
            }
        }
        return new ParsedArgs(values, repeated);
    }

    /** Every value of a repeatable option, in the order given; empty when absent. */
    List<String> all(String name) {
        return List.copyOf(repeated.getOrDefault(name, List.of()));
    }

    boolean flag(String name) {
        return values.containsKey(name);
    }

    String text(String name) {
        return values.get(name);
    }

    Path path(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        if (v.isBlank() || v.indexOf('\0') >= 0) {
            throw invalid(name, "'" + v + "' is not a path");
        }
        return Path.of(v);
    }

    LocalDate date(String name) {
        String v = values.get(name);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw invalid(name, "'" + v + "' is not a date (expected YYYY-MM-DD)");
        }
    }

    Level level(String name, Level fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        List<String> levels = Arrays.stream(Level.values()).map(Level::name).toList();
        return Level.valueOf(choice(name, v, levels));
    }

    /**
     * {@code value} as one of {@code choices}, whatever its case, spelled as the choice is; the
     * same rule for every option with a fixed set of values (--profile, --fail-on).
     */
    static String choice(String name, String value, java.util.Collection<String> choices) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(value)) {
                return c;
            }
        }
        throw invalid(name, "must be " + Choices.oneOf(List.copyOf(choices)) + ", not '" + value + "'");
    }

    long number(String name, long fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw invalid(name, "'" + v + "' is not a whole number");
        }
    }

    private static UsageError invalid(String name, String why) {
        return new UsageError("Invalid value for option '" + name + "': " + why);
    }
}
