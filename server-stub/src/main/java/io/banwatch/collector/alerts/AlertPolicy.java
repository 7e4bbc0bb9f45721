package io.banwatch.collector.alerts;

import io.banwatch.model.Level;
import io.banwatch.model.Verdict;

/**
 * Which changes of a host's standing deserve an alert: a host newly reaching VIOLATION, and newly
 * reaching RISK when configured. "Newly" means a change into that level from anything but a worse
 * one, so a host that stays in VIOLATION is alerted once, and one that improves is not alerted at
 * all. INCOMPLETE, INFO and CLEAN never alert.
 */
public record AlertPolicy(boolean onRisk) {

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
}
