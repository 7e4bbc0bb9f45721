package io.banwatch.collector;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Host;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.OsInfo;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Builds agent reports for collector tests. */
public final class Reports {
    private static final ReportCodec CODEC = new ReportCodec();

    private Reports() {
    }

    public static Host host(String id, String hostname) {
        return new Host(id, hostname, new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0"), "x86_64", null);
    }

    public static List<Software> baseSoftware() {
        List<Software> s = new ArrayList<>();
        for (String name : List.of("bash", "coreutils", "openssh-client", "curl", "tzdata")) {
            s.add(Software.pkg(name, "1.0", "Debian", "dpkg", "amd64"));
        }
        return s;
    }

    public static List<Software> withKesl() {
        List<Software> s = baseSoftware();
        s.add(Software.pkg("kesl", "12.1.0-1297", "AO Kaspersky Lab", "dpkg", "amd64"));
        return s;
    }

    public static ScanReport report(Host host, List<Software> software, Instant scannedAt) {
        return report(UUID.randomUUID().toString(), host, software, List.of(), scannedAt);
    }

    public static ScanReport report(String reportId, Host host, List<Software> software, List<Evidence> observations,
                                    Instant scannedAt) {
        return new ScanReport(ScanReport.SCHEMA_VERSION, reportId, "0.1.0", scannedAt,
                LocalDate.of(2026, 11, 24), "us-federal", host, software, List.of(), observations, List.of(), List.of(),
                InventoryHash.of(software, List.of(), observations));
    }

    /** {@code r} with these scan errors. */
    public static ScanReport withErrors(ScanReport r, List<ScanError> errors) {
        return new ScanReport(r.schemaVersion(), r.reportId(), r.agentVersion(), r.scannedAt(), r.asOf(), r.profile(),
                r.host(), r.software(), r.securityProducts(), r.observations(), r.findings(), errors, r.inventoryHash(),
                r.inventoryOmitted());
    }

    /** {@code r} scanned at another time (same id, same inventory). */
    public static ScanReport scannedAt(ScanReport r, Instant at) {
        return new ScanReport(r.schemaVersion(), r.reportId(), r.agentVersion(), at, r.asOf(), r.profile(), r.host(),
                r.software(), r.securityProducts(), r.observations(), r.findings(), r.errors(), r.inventoryHash(),
                r.inventoryOmitted());
    }

    /** UltraAV, which Kaspersky's US customers were moved to: a notice, not a Kaspersky product. */
    public static Software ultraAv() {
        return Software.pkg("UltraAV", "1.0.7", "Pango", "dpkg", "amd64");
    }

    public static List<Evidence> keslRemnants() {
        return List.of(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service",
                "/lib/systemd/system/kesl.service", null));
    }

    public static byte[] json(ScanReport r) {
        return CODEC.toBytes(r, false);
    }
}
