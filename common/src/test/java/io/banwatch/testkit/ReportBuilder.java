package io.banwatch.testkit;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The one builder of test reports and inventories for every module. Each value not set has a
 * plain default: a random report id, agent 0.1.0, scanned on {@link #SCANNED_AT}, judged on
 * {@link #AS_OF} with the us-federal profile, {@link Samples#linuxHost()}, an empty inventory.
 * The inventory hash is computed from the inventory, as the agent does.
 *
 * <pre>{@code
 * ScanReport r = ReportBuilder.report().host(h).software(Samples.withKesl()).scannedAt(clock.instant()).build();
 * byte[] body = ReportBuilder.report().host(h).json();
 * Inventory inv = ReportBuilder.report().software(Samples.deb("kesl", "12.1", "Kaspersky")).inventory();
 * }</pre>
 */
public final class ReportBuilder {
    public static final Instant SCANNED_AT = Instant.parse("2026-11-24T09:15:02.123Z");
    public static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);
    private static final ReportCodec CODEC = new ReportCodec();

    private String reportId = UUID.randomUUID().toString();
    private String agentVersion = "0.1.0";
    private Instant scannedAt = SCANNED_AT;
    private LocalDate asOf = AS_OF;
    private String profile = "us-federal";
    private Host host = Samples.linuxHost();
    private List<Software> software = List.of();
    private List<SecurityProduct> securityProducts = List.of();
    private List<Evidence> observations = List.of();
    private List<Finding> findings = List.of();
    private List<ScanError> errors = List.of();
    /** Set only when copied from a report: kept until the inventory changes. */
    private String inventoryHash;
    private boolean inventoryOmitted;

    private ReportBuilder() {
    }

    public static ReportBuilder report() {
        return new ReportBuilder();
    }

    /** A builder holding {@code r}'s values (its id and hash too), to change some of them. */
    public static ReportBuilder from(ScanReport r) {
        ReportBuilder b = new ReportBuilder();
        b.reportId = r.reportId();
        b.agentVersion = r.agentVersion();
        b.scannedAt = r.scannedAt();
        b.asOf = r.asOf();
        b.profile = r.profile();
        b.host = r.host();
        b.software = r.software();
        b.securityProducts = r.securityProducts();
        b.observations = r.observations();
        b.findings = r.findings();
        b.errors = r.errors();
        b.inventoryHash = r.inventoryHash();
        b.inventoryOmitted = r.inventoryOmitted();
        return b;
    }

    /** {@code r} as the agent sends it (compact JSON). */
    public static byte[] json(ScanReport r) {
        return CODEC.toBytes(r, false);
    }

    public ReportBuilder id(String reportId) {
        this.reportId = reportId;
        return this;
    }

    public ReportBuilder agentVersion(String agentVersion) {
        this.agentVersion = agentVersion;
        return this;
    }

    public ReportBuilder scannedAt(Instant scannedAt) {
        this.scannedAt = scannedAt;
        return this;
    }

    public ReportBuilder asOf(LocalDate asOf) {
        this.asOf = asOf;
        return this;
    }

    public ReportBuilder profile(String profile) {
        this.profile = profile;
        return this;
    }

    public ReportBuilder host(Host host) {
        this.host = host;
        return this;
    }

    public ReportBuilder software(List<Software> software) {
        this.software = software;
        inventoryHash = null;
        return this;
    }

    public ReportBuilder software(Software... software) {
        return software(List.of(software));
    }

    public ReportBuilder securityProducts(List<SecurityProduct> securityProducts) {
        this.securityProducts = securityProducts;
        inventoryHash = null;
        return this;
    }

    public ReportBuilder observations(List<Evidence> observations) {
        this.observations = observations;
        inventoryHash = null;
        return this;
    }

    public ReportBuilder observations(Evidence... observations) {
        return observations(List.of(observations));
    }

    public ReportBuilder findings(List<Finding> findings) {
        this.findings = findings;
        return this;
    }

    public ReportBuilder findings(Finding... findings) {
        return findings(List.of(findings));
    }

    public ReportBuilder errors(List<ScanError> errors) {
        this.errors = errors;
        return this;
    }

    public ReportBuilder errors(ScanError... errors) {
        return errors(List.of(errors));
    }

    public ScanReport build() {
        String hash = inventoryHash != null ? inventoryHash : InventoryHash.of(software, securityProducts, observations);
        return new ScanReport(ScanReport.SCHEMA_VERSION, reportId, agentVersion, scannedAt, asOf, profile, host,
                software, securityProducts, observations, findings, errors, hash, inventoryOmitted);
    }

    /** The report as the agent sends it (compact JSON). */
    public byte[] json() {
        return json(build());
    }

    /** What an inventory source would have gathered: host, software, observations, security products, errors. */
    public Inventory inventory() {
        return new Inventory(host, software, observations, securityProducts, errors);
    }
}
