package io.banwatch.model;

import java.time.Instant;
import java.util.List;

/**
 * An antivirus, EDR or firewall product present on the host.
 *
 * @param vendor               the vendor, e.g. "Kaspersky"
 * @param product              the product, e.g. "Kaspersky Endpoint Security for Linux"
 * @param version              the version when known, or null
 * @param kind                 antivirus, edr, firewall, antispyware
 * @param enabled              true/false when the OS or product says, null when unknown
 * @param upToDate             signatures up to date when the OS or product says, null when unknown
 * @param signaturesUpdatedAt  the last signature update when the product tells it, or null
 * @param evidence             what the product was recognised by
 */
public record SecurityProduct(String vendor, String product, String version, String kind, Boolean enabled,
                              Boolean upToDate, Instant signaturesUpdatedAt, List<Evidence> evidence) {
    public SecurityProduct {
        Required.text(vendor, "vendor");
        Required.text(product, "product");
        Required.text(kind, "kind");
        evidence = Required.list(evidence);
    }

    /** Active protection: enabled, or running (a process, a registration, a running service) without the OS saying otherwise. */
    public boolean active() {
        if (enabled != null) {
            return enabled;
        }
        return evidence.stream().anyMatch(e -> e.kind() == EvidenceKind.PROCESS
                || e.kind() == EvidenceKind.SECURITY_CENTER
                || e.kind() == EvidenceKind.SERVICE && ServiceState.parse(e.detail()).running());
    }

    /** Installed, not just leftovers: some evidence (a package, a receipt, a process, a running service) proves an install. */
    public boolean installed() {
        return evidence.stream().anyMatch(e -> e.presence() == Presence.INSTALLED);
    }
}
