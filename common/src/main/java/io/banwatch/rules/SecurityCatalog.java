package io.banwatch.rules;

import java.util.List;

/**
 * Known antivirus, EDR and firewall products and the signals that recognise them.
 *
 * @param id      the catalog's id
 * @param version its version
 * @param entries products in match order
 */
record SecurityCatalog(String id, String version, List<Entry> entries) {

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
        boolean matches(Trace trace, String osFamily) {
            for (Signal s : signals) {
                if (s.matches(trace, osFamily, List.of())) {
                    return true;
                }
            }
            return false;
        }
    }
}
