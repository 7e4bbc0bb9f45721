package io.banwatch.collector.alerts;

import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;

import java.time.LocalDate;
import java.util.List;

/**
 * A finding as an alert shows it: from a fresh judgement (a level change) or from the stored
 * findings (a stale host, a deadline ahead), with its evidence, citation and deadline.
 *
 * @param milestoneDate the date next to its milestone: the deadline ahead, or since when it applies
 */
public record AlertFinding(String ruleId, FindingKind kind, Level level, String profile, String product,
                           Presence presence, String milestone, LocalDate milestoneDate, LocalDate deadline,
                           String message, String citationTitle, String citationUrl, List<Evidence> evidence) {
    public AlertFinding {
        evidence = List.copyOf(evidence);
    }

    public static AlertFinding of(Finding f) {
        return new AlertFinding(f.ruleId(), f.kind(), f.level(), f.profile(), f.product(), f.presence(), f.milestone(),
                f.milestoneDate(), f.deadline(), f.message(), f.citation() == null ? null : f.citation().title(),
                f.citation() == null ? null : f.citation().url(), f.evidence());
    }

    /** "software kesl 12.1.0-1297 at /opt/kaspersky (dpkg)". */
    static String text(Evidence e) {
        StringBuilder b = new StringBuilder(e.kind().jsonName()).append(' ').append(e.name());
        if (e.detail() != null) {
            b.append(' ').append(e.detail());
        }
        if (e.location() != null && !e.location().equals(e.name())) {
            b.append(" at ").append(e.location());
        }
        return b.append(" (").append(e.source()).append(')').toString();
    }
}
