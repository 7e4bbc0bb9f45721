package io.banwatch.settings;

import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Settings read in layers, the agent's and the collector's alike: a command-line flag wins over
 * an environment variable, which wins over the settings file. A blank value counts as unset.
 * Errors name where the bad value came from, so the one line a user sees says what to fix:
 * {@code environment variable BANWATCH_SPOOL_MAX_REPORTS: spool.max-reports must be a whole number, not 'lots'}.
 *
 * @param envPrefix  the prefix of a key's environment variable, {@code BANWATCH_} or {@code BANWATCH_SERVER_}
 * @param file       the settings file's keys (empty when there is none)
 * @param fileName   how errors name the file
 * @param env        the environment
 * @param flags      values given on the command line, by key
 * @param flagOrigin how errors name the flag a key came from, e.g. {@code --collector}
 * @param error      makes the caller's exception type from a message
 */
public record LayeredSettings(String envPrefix, Properties file, String fileName, Map<String, String> env,
                              Map<String, String> flags, UnaryOperator<String> flagOrigin,
                              Function<String, ? extends RuntimeException> error) {

    /** The value, stripped, or null when no layer sets it. */
    public String get(String key) {
        String value = flags.get(key);
        if (value == null) {
            value = env.get(envName(key));
        }
        if (value == null) {
            value = file.getProperty(key);
        }
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getOr(String key, String fallback) {
        String value = get(key);
        return value == null ? fallback : value;
    }

    /** A whole number within [min, max], or {@code fallback} when unset. */
    public long number(String key, long fallback, long min, long max) {
        String text = get(key);
        if (text == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw bad(key, "must be a whole number, not '" + text + "'");
        }
        if (n < min || n > max) {
            throw bad(key, "must be between " + min + " and " + max + ", not " + text);
        }
        return n;
    }

    /** true/yes/on/1 or false/no/off/0 (any case), or {@code fallback} when unset. */
    public boolean bool(String key, boolean fallback) {
        String text = get(key);
        if (text == null) {
            return fallback;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw bad(key, "must be true or false, not '" + text + "'");
        };
    }

    /** Where the key's value comes from: the flag, the environment variable, or the file. */
    public String origin(String key) {
        if (flags.containsKey(key)) {
            return flagOrigin.apply(key);
        }
        if (env.containsKey(envName(key))) {
            return "environment variable " + envName(key);
        }
        return fileName;
    }

    /** The caller's error for a bad value: "ORIGIN: KEY MESSAGE". */
    public RuntimeException bad(String key, String message) {
        return error.apply(origin(key) + ": " + key + " " + message);
    }

    /** {@code spool.max-reports} → {@code BANWATCH_SPOOL_MAX_REPORTS} (with the agent's prefix). */
    public String envName(String key) {
        return envPrefix + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }
}
