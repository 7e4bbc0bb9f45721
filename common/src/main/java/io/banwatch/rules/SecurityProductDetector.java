package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Inventory;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Lists the security products on a host: what the OS itself reports (Security Center, Defender),
 * merged with what the catalog recognises in software, services, processes and paths.
 */
final class SecurityProductDetector {
    private final SecurityCatalog catalog;

    SecurityProductDetector(SecurityCatalog catalog) {
        this.catalog = catalog;
    }

    List<SecurityProduct> detect(Inventory inventory) {
        return detect(inventory, inventory.software());
    }

    /** @param software the inventory's packages, or those of them that some signal looks at */
    List<SecurityProduct> detect(Inventory inventory, List<Software> software) {
        String os = inventory.host().os().family();
        Map<SecurityCatalog.Entry, Set<Evidence>> seen = new LinkedHashMap<>();
        for (Trace t : Traces.of(software, inventory.observations(), List.of())) {
            SecurityCatalog.Entry entry = catalog.entryFor(t, os);
            if (entry != null) {
                seen.computeIfAbsent(entry, k -> new LinkedHashSet<>()).add(t.evidence());
            }
        }

        List<SecurityProduct> out = new ArrayList<>();
        for (SecurityProduct reported : inventory.securityProducts()) {
            SecurityCatalog.Entry entry = entryFor(reported, os);
            if (entry == null) {
                out.add(reported);
                continue;
            }
            // The OS's own report wins for state; the catalog adds the vendor and the other traces.
            Set<Evidence> evidence = new LinkedHashSet<>(reported.evidence());
            Set<Evidence> more = seen.remove(entry);
            if (more != null) {
                evidence.addAll(more);
            }
            out.add(new SecurityProduct(entry.vendor(), reported.product(),
                    reported.version() != null ? reported.version() : versionOf(more),
                    reported.kind(), reported.enabled(), reported.upToDate(), reported.signaturesUpdatedAt(),
                    List.copyOf(evidence)));
        }
        for (Map.Entry<SecurityCatalog.Entry, Set<Evidence>> e : seen.entrySet()) {
            SecurityCatalog.Entry entry = e.getKey();
            out.add(new SecurityProduct(entry.vendor(), entry.product(), versionOf(e.getValue()), entry.kind(),
                    null, null, null, List.copyOf(e.getValue())));
        }
        return out;
    }

    /**
     * The catalog entry an OS-reported product is: by its evidence, else by its vendor (a product
     * named only in the registry is still the vendor's product the catalog found by its service).
     */
    private SecurityCatalog.Entry entryFor(SecurityProduct reported, String os) {
        for (Evidence e : reported.evidence()) {
            SecurityCatalog.Entry entry = catalog.entryFor(Trace.of(e), os);
            if (entry != null) {
                return entry;
            }
        }
        for (SecurityCatalog.Entry entry : catalog.entries()) {
            if (entry.vendor().equalsIgnoreCase(reported.vendor()) && entry.kind().equals(reported.kind())) {
                return entry;
            }
        }
        return null;
    }

    private static String versionOf(Set<Evidence> evidence) {
        if (evidence == null) {
            return null;
        }
        for (Evidence e : evidence) {
            if (e.kind() == EvidenceKind.SOFTWARE && e.detail() != null) {
                return e.detail();
            }
        }
        return null;
    }
}
