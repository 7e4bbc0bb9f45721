package io.banwatch.rules;

import java.util.List;

/**
 * Known antivirus, EDR and firewall products and the signals that recognise them.
 *
 * @param id      the catalog's id
 * @param version its version
 * @param entries       products in match order
 * @param signalsByKind their signals grouped by evidence kind
 * @param origin        where it was loaded from
 * @param digest        the SHA-256 of the file it was loaded from
 */
record SecurityCatalog(String id, String version, List<Entry> entries, SignalsByKind<Entry> signalsByKind,
                       String origin, FileDigest digest) {

    SecurityCatalog(String id, String version, List<Entry> entries, String origin, FileDigest digest) {
        this(id, version, entries, new SignalsByKind<>(entries, Entry::signals), origin, digest);
    }

    /** The first entry, in catalog order, that recognises this trace; null when none does. */
    Entry entryFor(Trace trace, String osFamily) {
        for (SignalsByKind.Ref<Entry> ref : signalsByKind.of(trace.evidence().kind())) {
            if (ref.signal().matches(trace, osFamily, List.of())) {
                return ref.owner();
            }
        }
        return null;
    }

    /**
     * One catalogued product.
     *
     * @param id      stable id, e.g. {@code crowdstrike-falcon}
     * @param vendor  e.g. "CrowdStrike"
     * @param product e.g. "CrowdStrike Falcon"
     * @param kind    antivirus, edr, firewall
     * @param signals what recognises it
     */
    record Entry(String id, String vendor, String product, String kind, List<Signal> signals) {
    }
}
