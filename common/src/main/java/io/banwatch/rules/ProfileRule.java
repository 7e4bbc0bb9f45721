package io.banwatch.rules;

import java.time.LocalDate;
import java.util.List;

/**
 * A compliance profile: who is bound, as phases in date order.
 *
 * @param id     e.g. {@code us-federal}
 * @param title  e.g. "US federal agency"
 * @param phases in date order; the first starts "since always"
 */
record ProfileRule(String id, String title, List<Phase> phases) {

    /** The phase in force on {@code date}. */
    Phase phaseOn(LocalDate date) {
        Phase current = phases.get(0);
        for (Phase p : phases) {
            if (p.from() == null || !p.from().date().isAfter(date)) {
                current = p;
            }
        }
        return current;
    }
}
