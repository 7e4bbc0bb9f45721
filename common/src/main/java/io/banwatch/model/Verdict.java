package io.banwatch.model;

import java.util.List;

/**
 * A host's standing after a scan, most serious first: the worst finding's level; {@code INCOMPLETE}
 * when nothing worse than INFO was found but the scan could not read a primary source (so "nothing
 * found" proves nothing); {@code CLEAN} when a complete scan found nothing.
 *
 * <p>This order is the one definition of "more serious": the CLI, the API, the dashboard's sorting
 * and the collector's SQL ({@link #sqlRank}) all take it from here.
 */
public enum Verdict {
    VIOLATION, DEADLINE, RISK, INCOMPLETE, INFO, CLEAN;

    /** The verdict of a scan with these findings, complete or not. */
    public static Verdict of(List<Finding> findings, boolean incomplete) {
        Verdict worst = incomplete ? INCOMPLETE : CLEAN;
        for (Finding f : findings) {
            Verdict v = of(f.level());
            if (v.ordinal() < worst.ordinal()) {
                worst = v;
            }
        }
        return worst;
    }

    /** The verdict a finding of this level gives. */
    public static Verdict of(Level level) {
        return valueOf(level.name());
    }

    /** True when this verdict is at least as serious as {@code other}. */
    public boolean atLeast(Verdict other) {
        return ordinal() <= other.ordinal();
    }

    /**
     * A SQL expression ranking {@code column} (which holds verdict names) in this order: 0 for
     * VIOLATION, then upwards; a value that is no verdict (or NULL) ranks last.
     */
    public static String sqlRank(String column) {
        return SqlRank.of(column, values());
    }
}
