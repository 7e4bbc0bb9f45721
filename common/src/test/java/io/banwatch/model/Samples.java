package io.banwatch.model;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Ready-made model values for tests. */
public final class Samples {
    private Samples() {
    }

    public static Host linuxHost() {
        return new Host("5f1c2b1e-8d7a-4a56-9a51-1f0d0c7e2a10", "ws-0042",
                new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0-18-amd64"), "x86_64", null);
    }

    public static Host host(String osFamily) {
        return new Host("host-" + osFamily, "ws-" + osFamily, new OsInfo(osFamily, osFamily, "1", null), "x86_64", null);
    }

    public static Inventory inventory(Host host, List<Software> software, List<Evidence> observations) {
        return new Inventory(host, software, observations, List.of(), List.of());
    }

    public static Software deb(String name, String version, String maintainer) {
        return Software.pkg(name, version, maintainer, "dpkg", "amd64");
    }

    public static Software app(String name, String publisher, String source) {
        return new Software(name, "1.0", publisher, source, Software.MACHINE, null, null, null, null);
    }

    public static ScanReport report(List<Finding> findings) {
        List<Software> software = List.of(
                deb("bash", "5.2.15-2+b2", "Matthias Klose <doko@debian.org>"),
                new Software("Kaspersky Endpoint Security для Windows", "12.5.0.539", "АО «Лаборатория Касперского»",
                        "windows-uninstall", "user:S-1-5-21-1004336348-1177238915-682003330-1001", null,
                        "{6A1B4A7B-0A6B-4E5B-8C10-5F1F4C2A7D11}", LocalDate.of(2024, 3, 5),
                        "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.5.0\\"));
        List<SecurityProduct> products = List.of(new SecurityProduct("Microsoft", "Microsoft Defender Antivirus",
                "4.18.24090.11", "antivirus", true, false, Instant.parse("2024-10-01T08:00:00Z"),
                List.of(new Evidence(EvidenceKind.SECURITY_CENTER, "wsc-antivirus", "Windows Defender", null, "397568"))));
        List<Evidence> observations = List.of(
                new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", null),
                Evidence.of(EvidenceKind.PROCESS, "proc", "kesl"));
        return new ScanReport(ScanReport.SCHEMA_VERSION, "0f8e3a52-2f4a-4d7e-9c1b-7f2b8f6f0a11", "0.1.0",
                Instant.parse("2026-11-24T09:15:02.123Z"), LocalDate.of(2026, 11, 24), "us-federal", linuxHost(),
                software, products, observations, findings, List.of(new ScanError("rpm", "rpm not installed")),
                InventoryHash.of(software, products, observations));
    }
}
