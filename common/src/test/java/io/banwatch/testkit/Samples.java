package io.banwatch.testkit;

import io.banwatch.model.Citation;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Host;
import io.banwatch.model.Level;
import io.banwatch.model.OsInfo;
import io.banwatch.model.Presence;
import io.banwatch.model.ScanError;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Ready-made model values for the tests of every module; {@link ReportBuilder} puts them in a report. */
public final class Samples {
    /** The agent's own host in transport tests. */
    public static final Host WORKSTATION = linuxHost("host-1", "ws-1");
    /** Another host's report, as a scan of a mounted image gives. */
    public static final Host IMAGE = linuxHost("image-7", "img-7");

    private Samples() {
    }

    /** The Debian workstation of the README's example. */
    public static Host linuxHost() {
        return new Host("5f1c2b1e-8d7a-4a56-9a51-1f0d0c7e2a10", "ws-0042",
                new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0-18-amd64"), "x86_64", null);
    }

    /** A Debian 12 host with this id and name. */
    public static Host linuxHost(String id, String hostname) {
        return new Host(id, hostname, new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0"), "x86_64", null);
    }

    /** A host of this OS family ({@code linux}, {@code macos}, {@code windows}). */
    public static Host host(String osFamily) {
        return new Host("host-" + osFamily, "ws-" + osFamily, new OsInfo(osFamily, osFamily, "1", null), "x86_64", null);
    }

    public static Software deb(String name, String version, String maintainer) {
        return Software.pkg(name, version, maintainer, "dpkg", "amd64");
    }

    public static Software app(String name, String publisher, String source) {
        return new Software(name, "1.0", publisher, source, Software.MACHINE, null, null, null, null);
    }

    /** Five ordinary Debian packages, a fresh list each call. */
    public static List<Software> baseSoftware() {
        List<Software> s = new ArrayList<>();
        for (String name : List.of("bash", "coreutils", "openssh-client", "curl", "tzdata")) {
            s.add(deb(name, "1.0", "Debian"));
        }
        return s;
    }

    /** {@link #baseSoftware()} and Kaspersky Endpoint Security for Linux. */
    public static List<Software> withKesl() {
        List<Software> s = baseSoftware();
        s.add(deb("kesl", "12.1.0-1297", "AO Kaspersky Lab"));
        return s;
    }

    /** UltraAV, which Kaspersky's US customers were moved to: a notice, not a Kaspersky product. */
    public static Software ultraAv() {
        return deb("UltraAV", "1.0.7", "Pango");
    }

    /** What an uninstalled KESL leaves behind: its systemd unit. */
    public static List<Evidence> keslRemnants() {
        return List.of(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service",
                "/lib/systemd/system/kesl.service", null));
    }

    /** The agent's finding for an installed KESL under the federal profile. */
    public static Finding keslViolation() {
        return new Finding("kaspersky-us:kesl", FindingKind.PRODUCT, Level.VIOLATION, "us-federal", "Kaspersky",
                "Kaspersky Endpoint Security for Linux", Presence.INSTALLED, "ndaa-1634-effective",
                LocalDate.of(2018, 10, 1), null, null, "installed", new Citation("ndaa", "NDAA", null),
                List.of(Evidence.of(EvidenceKind.SOFTWARE, "dpkg", "kesl")));
    }

    /**
     * A report with a value in every field and every kind of text a codec can get wrong (Cyrillic,
     * guillemets, backslashes): software, a security product, observations and a scan error.
     */
    public static ReportBuilder richReport() {
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
        return ReportBuilder.report().id("0f8e3a52-2f4a-4d7e-9c1b-7f2b8f6f0a11").host(linuxHost())
                .software(software).securityProducts(products).observations(observations)
                .errors(new ScanError("rpm", "rpm not installed"));
    }
}
