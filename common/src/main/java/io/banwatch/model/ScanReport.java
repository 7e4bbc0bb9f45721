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
 */
public record ScanReport(int schemaVersion, String reportId, String agentVersion, Instant scannedAt,
                         LocalDate asOf, String profile, Host host, List<Software> software,
                         List<SecurityProduct> securityProducts, List<Evidence> observations,
                         List<Finding> findings, List<ScanError> errors, String inventoryHash) {
    public static final int SCHEMA_VERSION = 1;

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
