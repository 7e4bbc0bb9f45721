package io.banwatch.agent.send;

import io.banwatch.model.Citation;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Host;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.Level;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Presence;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Reports for transport tests. */
public final class TestReports {
    private TestReports() {
    }

    public static final Host HOST = new Host("host-1", "ws-1", new OsInfo("linux", "Debian", "12", null), "x86_64", null);

    /** Another host's report, as a scan of a mounted image gives. */
    public static final Host IMAGE = new Host("image-7", "img-7", new OsInfo("linux", "Debian", "12", null), "x86_64", null);

    public static ScanReport report(Instant at, boolean withFinding) {
        return report(at, withFinding, HOST);
    }

    public static ScanReport report(Instant at, boolean withFinding, Host host) {
        List<Software> sw = List.of(Software.pkg("bash", "5.2", "Debian", "dpkg", "amd64"));
        List<Finding> findings = withFinding ? List.of(new Finding("kaspersky-us:kesl", FindingKind.PRODUCT, Level.VIOLATION,
                "us-federal", "Kaspersky", "Kaspersky Endpoint Security for Linux", Presence.INSTALLED, "ndaa-1634-effective",
                LocalDate.of(2018, 10, 1), null, null, "installed", new Citation("ndaa", "NDAA", null),
                List.of(Evidence.of(EvidenceKind.SOFTWARE, "dpkg", "kesl")))) : List.of();
        return new ScanReport(1, UUID.randomUUID().toString(), "test", at, LocalDate.of(2026, 11, 24), "us-federal", host,
                sw, List.of(), List.of(), findings, List.of(), InventoryHash.of(sw, List.of(), List.of()));
    }
}
