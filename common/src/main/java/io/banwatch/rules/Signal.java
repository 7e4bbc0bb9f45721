package io.banwatch.rules;

import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Presence;
import io.banwatch.model.ServiceState;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One detection signal: traces of a kind whose field equals one of some names, starts with one
 * of some prefixes, or matches a pattern. Both sides are compared in {@link MatchText}'s form:
 * without case, invisible characters or look-alike letters.
 *
 * @param kind                    the evidence kind it looks at
 * @param field                   the field compared
 * @param names                   exact names, in the compared form
 * @param rawNames                the exact names as written in the pack (paths to probe keep their case)
 * @param prefixes                prefixes, in the compared form
 * @param pattern                 a regular expression searched in the field, or null
 * @param sources                 if not empty, only traces read from these sources
 * @param osFamilies              if not empty, only on these OS families
 * @param requiresVendorPublisher the software's publisher must also match the vendor's publisher patterns
 * @param requiresRunning         a service or driver counts only while it runs: a stock Windows service
 *                                that every machine has, stopped, is no evidence of its product
 * @param shared                  the trace is common to several products of the vendor (a driver, a
 *                                registry key, a shared install folder): it joins whichever product was
 *                                identified by its own signals, and stands alone only when none was
 * @param presence                overrides what a match proves (a macOS receipt outlives an app dragged to the
 *                                Trash, so it proves only a remnant), or null for the evidence kind's default
 * @param hint                    a cheap pre-check for {@code pattern}, or null
 */
record Signal(EvidenceKind kind, SignalField field, Set<String> names, List<String> rawNames, List<String> prefixes,
              Pattern pattern, Set<String> sources, Set<String> osFamilies, boolean requiresVendorPublisher,
              boolean requiresRunning, boolean shared, Presence presence, LiteralHint hint) {

    /**
     * What a trace this signal matched proves: the signal's own override, else what the evidence
     * proves by itself ({@link io.banwatch.model.Evidence#presence()}: its kind, or a service's state).
     */
    Presence presenceOf(Trace trace) {
        return presence != null ? presence : trace.evidence().presence();
    }

    boolean matches(Trace trace, String osFamily, List<Pattern> vendorPublishers) {
        if (trace.evidence().kind() != kind) {
            return false;
        }
        if (!sources.isEmpty() && !sources.contains(trace.evidence().source())) {
            return false;
        }
        if (!osFamilies.isEmpty() && !osFamilies.contains(osFamily)) {
            return false;
        }
        String value = trace.lower(field);
        if (value == null || !valueMatches(value)) {
            return false;
        }
        if (requiresRunning && !ServiceState.of(trace.evidence()).running()) {
            return false;
        }
        return !requiresVendorPublisher || anyFind(vendorPublishers, trace.lower(SignalField.PUBLISHER));
    }

    private boolean valueMatches(String value) {
        if (names.contains(value)) {
            return true;
        }
        for (String prefix : prefixes) {
            if (value.startsWith(prefix)) {
                return true;
            }
        }
        return pattern != null && (hint == null || hint.mayMatch(value)) && pattern.matcher(value).find();
    }

    static boolean anyFind(List<Pattern> patterns, String value) {
        if (value == null) {
            return false;
        }
        for (Pattern p : patterns) {
            if (p.matcher(value).find()) {
                return true;
            }
        }
        return false;
    }
}
