package io.banwatch.collector.alerts;

import java.util.Locale;

/**
 * What an alert is about. The {@link #event()} names it in the payload; the lower-case name is
 * the outbox's {@code kind} column.
 */
public enum AlertKind {
    /** A host newly reached VIOLATION (or RISK, when configured). */
    LEVEL_CHANGED("banwatch.host.level_changed"),
    /** A host that was non-compliant (VIOLATION, DEADLINE or RISK) is CLEAN again. */
    FIXED("banwatch.host.fixed"),
    /** A host has sent no report for the stale period. */
    STALE("banwatch.host.stale"),
    /** A milestone that will make a host's findings VIOLATION is near. */
    DEADLINE_APPROACHING("banwatch.deadline.approaching"),
    /** Once a day: the fleet's totals and what changed. */
    DIGEST("banwatch.digest");

    private final String event;

    AlertKind(String event) {
        this.event = event;
    }

    public String event() {
        return event;
    }

    /** The outbox's {@code kind} value. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }
}
