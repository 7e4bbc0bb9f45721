package io.banwatch.collector.alerts;

import io.banwatch.model.Level;

/**
 * Which level changes deserve an alert: a host newly reaching VIOLATION, and newly reaching RISK
 * when configured. "Newly" means a change into that level from anything but a worse one, so a
 * host that stays in VIOLATION is alerted once, and one that improves is not alerted at all.
 */
public record AlertPolicy(boolean onRisk) {

    public boolean alerts(Level from, Level to) {
        if (to == null || to == from) {
            return false;
        }
        if (to == Level.VIOLATION) {
            return true;
        }
        return onRisk && to == Level.RISK && from != Level.VIOLATION;
    }
}
