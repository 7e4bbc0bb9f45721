package io.banwatch.collector.alerts;

import io.banwatch.model.Level;
import io.banwatch.model.Verdict;

/**
 * Which changes of a host's standing deserve an alert: a host newly reaching VIOLATION, and newly
 * reaching RISK when configured. "Newly" means a change into that level from anything but a worse
 * one, so a host that stays in VIOLATION is alerted once. INCOMPLETE, INFO and CLEAN never alert
 * as a level change; a non-compliant host (VIOLATION, DEADLINE, RISK) back to CLEAN is "fixed",
 * its own kind of alert, when {@code onFixed}.
 */
public record AlertPolicy(boolean onRisk, boolean onFixed) {

    /** Level changes only, no "fixed" alerts. */
    public AlertPolicy(boolean onRisk) {
        this(onRisk, false);
    }

    /** True when a host going from {@code from} to {@code to} was fixed: non-compliant before, CLEAN now. */
    public boolean fixes(Verdict from, Verdict to) {
        return onFixed && to == Verdict.CLEAN && from != null && from.atLeast(Verdict.RISK);
    }

    /**
     * @param from the standing before, or null for a host's first report
     * @param to   the standing now
     */
    public boolean alerts(Verdict from, Verdict to) {
        if (to == null || to == from) {
            return false;
        }
        if (to == Verdict.VIOLATION) {
            return true;
        }
        return onRisk && to == Verdict.RISK && from != Verdict.VIOLATION;
    }

    /** {@link #alerts(Verdict, Verdict)} in finding levels, where null is a clean host (or, as {@code from}, a new one). */
    public boolean alerts(Level from, Level to) {
        return alerts(from == null ? null : Verdict.of(from), to == null ? Verdict.CLEAN : Verdict.of(to));
    }

    /** {@link #fixes(Verdict, Verdict)} in finding levels, where null is a clean host (or, as {@code from}, a new one). */
    public boolean fixes(Level from, Level to) {
        return from != null && fixes(Verdict.of(from), to == null ? Verdict.CLEAN : Verdict.of(to));
    }
}
