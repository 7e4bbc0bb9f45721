package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Software;

/**
 * One piece of evidence with the extra software fields a signal may look at, and the forms signals
 * compare ({@link MatchText}: lower case, invisible characters dropped, look-alikes folded),
 * computed once: a scan checks each trace against a few hundred signals. The evidence itself keeps
 * the raw names for the report.
 */
final class Trace {
    private final Evidence evidence;
    private final String publisher;
    private final String identifier;
    private final String[] lower = new String[SignalField.values().length];

    private Trace(Evidence evidence, String publisher, String identifier) {
        this.evidence = evidence;
        this.publisher = publisher;
        this.identifier = identifier;
        for (SignalField f : SignalField.values()) {
            lower[f.ordinal()] = normalise(f.raw(this), evidence.kind());
        }
    }

    static Trace of(Software software) {
        return new Trace(Evidence.of(software), software.publisher(), software.identifier());
    }

    static Trace of(Evidence evidence) {
        return new Trace(evidence, null, null);
    }

    Evidence evidence() {
        return evidence;
    }

    String publisher() {
        return publisher;
    }

    String identifier() {
        return identifier;
    }

    /** A field in the compared form (a Windows process name without its ".exe"), or null. */
    String lower(SignalField field) {
        return lower[field.ordinal()];
    }

    private static String normalise(String value, EvidenceKind kind) {
        if (value == null) {
            return null;
        }
        String v = MatchText.of(value);
        if (kind == EvidenceKind.PROCESS && v.endsWith(".exe")) {
            v = v.substring(0, v.length() - 4);
        }
        return v;
    }
}
