package io.banwatch.model;

/**
 * How serious a finding is, most serious first.
 *
 * <p>{@code VIOLATION}: prohibited now. {@code DEADLINE}: prohibited from a date ahead.
 * {@code RISK}: allowed but unsupported or unsafe. {@code INFO}: worth knowing.
 *
 * <p>The declaration order is the one definition of "more serious" among levels: {@link Verdict}
 * lists the same names in the same order, and the collector's SQL ranks a level column with
 * {@link #sqlRank}.
 */
public enum Level {
    VIOLATION, DEADLINE, RISK, INFO;

    /** True when this level is at least as serious as {@code other}. */
    public boolean atLeast(Level other) {
        return ordinal() <= other.ordinal();
    }

    /** The more serious of two levels. */
    public static Level worst(Level a, Level b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /**
     * A SQL expression ranking {@code column} (which holds level names) in this order: 0 for
     * VIOLATION, then upwards; a value that is no level (or NULL) ranks last.
     */
    public static String sqlRank(String column) {
        return SqlRank.of(column, values());
    }

    /** "VIOLATION, DEADLINE, RISK or INFO", for the errors that name the levels one may write. */
    public static String choices() {
        return Choices.oneOf(values());
    }
}
