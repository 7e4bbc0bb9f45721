package io.banwatch.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One scan of one host: the unit the agent spools and the collector stores.
 *
 * @param schemaVersion    the report format version, {@link #SCHEMA_VERSION} for this build
 * @param reportId         a random UUID; the collector's idempotency key
 * @param agentVersion     the agent's version
 * @param scannedAt        when the scan ran
 * @param asOf             the date the rules were judged at
 * @param profile          the compliance profile the agent judged with
 * @param host             the host
 * @param software         installed software
 * @param securityProducts antivirus, EDR and firewall products found
 * @param observations     other traces the rules look at (services, drivers, units, processes, paths, keys)
 * @param findings         the agent's judgement; the collector re-evaluates and keeps its own
 * @param errors           sources that failed
 * @param inventoryHash    SHA-256 over software, security products and stable observations, so an
 *                         unchanged inventory is cheap to recognise
 * @param inventoryOmitted the inventory (software, security products, observations) is left out
 *                         because it is the one with {@code inventoryHash} that the collector already
 *                         acknowledged; a collector that does not know it answers 409 and gets the
 *                         full report
 */
public record ScanReport(int schemaVersion, String reportId, String agentVersion, Instant scannedAt,
                         LocalDate asOf, String profile, Host host, List<Software> software,
                         List<SecurityProduct> securityProducts, List<Evidence> observations,
                         List<Finding> findings, List<ScanError> errors, String inventoryHash,
                         boolean inventoryOmitted) {
    public static final int SCHEMA_VERSION = 1;

    /** A full report (the inventory included). */
    public ScanReport(int schemaVersion, String reportId, String agentVersion, Instant scannedAt, LocalDate asOf,
                      String profile, Host host, List<Software> software, List<SecurityProduct> securityProducts,
                      List<Evidence> observations, List<Finding> findings, List<ScanError> errors,
                      String inventoryHash) {
        this(schemaVersion, reportId, agentVersion, scannedAt, asOf, profile, host, software, securityProducts,
                observations, findings, errors, inventoryHash, false);
    }

    public ScanReport {
        Required.text(reportId, "reportId");
        Required.text(agentVersion, "agentVersion");
        Required.field(scannedAt, "scannedAt");
        Required.field(asOf, "asOf");
        Required.text(profile, "profile");
        Required.field(host, "host");
        software = Required.list(software);
        securityProducts = Required.list(securityProducts);
        observations = Required.list(observations);
        findings = Required.list(findings);
        errors = Required.list(errors);
        Required.text(inventoryHash, "inventoryHash");
        if (inventoryOmitted && !(software.isEmpty() && securityProducts.isEmpty() && observations.isEmpty())) {
            throw new IllegalArgumentException("a report whose inventory is omitted carries no software, security"
                    + " products or observations");
        }
    }

    /** This report without its inventory, to send when the collector already has that inventory. */
    public ScanReport withoutInventory() {
        return new ScanReport(schemaVersion, reportId, agentVersion, scannedAt, asOf, profile, host, List.of(),
                List.of(), List.of(), findings, errors, inventoryHash, true);
    }

    /** This (slim) report with the inventory filled back in from {@code full}, which has the same hash. */
    public ScanReport withInventoryOf(ScanReport full) {
        return new ScanReport(schemaVersion, reportId, agentVersion, scannedAt, asOf, profile, host, full.software(),
                full.securityProducts(), full.observations(), findings, errors, inventoryHash, false);
    }

    /** True when a primary source could not be read: "nothing found" then proves nothing. */
    public boolean incomplete() {
        for (ScanError e : errors) {
            if (e.primary()) {
                return true;
            }
        }
        return false;
    }

    /** This report's standing: its worst finding, INCOMPLETE or CLEAN. */
    public Verdict verdict() {
        return Verdict.of(findings, incomplete());
    }

    /** The most serious finding level, or null when there is none. */
    public Level worstLevel() {
        Level worst = null;
        for (Finding f : findings) {
            worst = worst == null ? f.level() : Level.worst(worst, f.level());
        }
        return worst;
    }
}
