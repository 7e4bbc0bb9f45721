package io.banwatch.model;

/**
 * How serious a finding is, most serious first.
 *
 * <p>{@code VIOLATION}: prohibited now. {@code DEADLINE}: prohibited from a date ahead.
 * {@code RISK}: allowed but unsupported or unsafe. {@code INFO}: worth knowing.
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
}
