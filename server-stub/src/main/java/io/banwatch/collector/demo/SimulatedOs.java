package io.banwatch.collector.demo;

import io.banwatch.model.OsFamily;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.OsInfo;
import io.banwatch.model.ScanError;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * What a simulated host of each OS carries, in the shapes and names the agent's inventory
 * sources really produce (see the agent's recorded fixtures): its ordinary software, a Kaspersky
 * install, what a removal leaves behind, UltraAV, and a primary source that failed.
 */
enum SimulatedOs {
    WINDOWS {
        @Override
        OsInfo os(Random rnd) {
            return rnd.nextInt(3) == 0 ? new OsInfo(OsFamily.WINDOWS.id(), "Microsoft Windows 10 Enterprise", "10.0.19045", "19045")
                    : new OsInfo(OsFamily.WINDOWS.id(), "Microsoft Windows 11 Enterprise", "10.0.22631", "22631");
        }

        @Override
        List<Software> ordinary(Random rnd) {
            return List.of(app("7-Zip 24.08 (x64)", "24.08", "Igor Pavlov"),
                    app("Google Chrome", "131.0.6778." + (60 + rnd.nextInt(40)), "Google LLC"),
                    app("Microsoft 365 Apps for enterprise - en-us", "16.0.18129.20158", "Microsoft Corporation"),
                    app("Microsoft Edge", "131.0.2903.70", "Microsoft Corporation"),
                    app("Mozilla Firefox ESR (x64 en-US)", "128.5.1", "Mozilla"));
        }

        @Override
        SecurityProduct builtInProtection() {
            return new SecurityProduct("Microsoft", "Microsoft Defender Antivirus", "4.18.24090.11", "antivirus", true,
                    true, null, List.of(Evidence.of(EvidenceKind.SECURITY_CENTER, "windows-security-center",
                    "Windows Defender")));
        }

        @Override
        Kaspersky kaspersky(Random rnd) {
            String version = rnd.nextBoolean() ? "12.6.0.438" : "12.5.0.539";
            Software kes = new Software("Kaspersky Endpoint Security for Windows", version, "AO Kaspersky Lab",
                    "windows-uninstall", Software.MACHINE, null, "{7EC66A95-AC2D-4127-940B-0445A526AB2F}", null,
                    KES_DIR);
            Software agent = app("Kaspersky Security Center Network Agent", "14.2.0.26967", "AO Kaspersky Lab");
            SecurityProduct product = new SecurityProduct("Kaspersky", "Kaspersky Endpoint Security for Windows", version,
                    "antivirus", true, true, null, List.of(Evidence.of(EvidenceKind.SECURITY_CENTER,
                    "windows-security-center", "Kaspersky Endpoint Security for Windows")));
            return new Kaspersky(List.of(kes, agent), List.of(product), List.of(service("Running Auto")));
        }

        @Override
        List<Evidence> remnants() {
            return List.of(service("Stopped Disabled, program missing"), new Evidence(EvidenceKind.REGISTRY_KEY,
                    "windows-registry", "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES", null, null));
        }

        @Override
        Software ultraAv() {
            return app("UltraAV", "1.0.7", "Pango");
        }

        @Override
        ScanError failedSource() {
            return new ScanError("windows-uninstall", "PowerShell did not answer within 120 s", true);
        }
    },

    MACOS {
        @Override
        OsInfo os(Random rnd) {
            return rnd.nextBoolean() ? new OsInfo(OsFamily.MACOS.id(), "macOS 14.7.1", "14.7.1", "23H222")
                    : new OsInfo(OsFamily.MACOS.id(), "macOS 15.1.1", "15.1.1", "24B91");
        }

        @Override
        List<Software> ordinary(Random rnd) {
            return List.of(bundle("Google Chrome", "131.0.6778." + (60 + rnd.nextInt(40)), "com.google.Chrome"),
                    bundle("Microsoft Outlook", "16.91", "com.microsoft.Outlook"),
                    bundle("Slack", "4.41.105", "com.tinyspeck.slackmacgap"),
                    bundle("zoom.us", "6.2.11", "us.zoom.xos"));
        }

        @Override
        SecurityProduct builtInProtection() {
            return null;
        }

        @Override
        Kaspersky kaspersky(Random rnd) {
            Software kes = new Software("Kaspersky Endpoint Security for Mac", "12.1.0.553", "AO Kaspersky Lab", "macos-app",
                    Software.MACHINE, null, "com.kaspersky.kes", null, KES_MAC);
            return new Kaspersky(List.of(kes), List.of(), List.of(new Evidence(EvidenceKind.PATH, "path", KES_MAC, null,
                    null)));
        }

        @Override
        List<Evidence> remnants() {
            return List.of(new Evidence(EvidenceKind.PATH, "path", "/Library/Application Support/Kaspersky Lab/klnagent",
                    null, null), new Evidence(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kaspersky.klnagent",
                    "/Library/LaunchDaemons/com.kaspersky.klnagent.plist", null));
        }

        @Override
        Software ultraAv() {
            return bundle("UltraAV", "1.0.7", "com.pango.ultraav");
        }

        @Override
        ScanError failedSource() {
            return new ScanError("macos-app", "cannot read /Applications: Operation not permitted (no Full Disk Access)",
                    true);
        }
    },

    LINUX {
        @Override
        OsInfo os(Random rnd) {
            return new OsInfo(OsFamily.LINUX.id(), "Debian GNU/Linux 12 (bookworm)", "12", rnd.nextBoolean() ? "6.1.0-27-amd64"
                    : "6.1.0-28-amd64");
        }

        @Override
        List<Software> ordinary(Random rnd) {
            List<Software> out = new ArrayList<>();
            for (String name : List.of("bash", "coreutils", "curl", "openssh-server", "openssl", "sudo", "tzdata")) {
                out.add(Software.pkg(name, (1 + rnd.nextInt(9)) + "." + rnd.nextInt(20), "Debian", "dpkg", "amd64"));
            }
            return out;
        }

        @Override
        SecurityProduct builtInProtection() {
            return null;
        }

        @Override
        Kaspersky kaspersky(Random rnd) {
            Software kesl = Software.pkg("kesl", "12.1.0-1297", "AO Kaspersky Lab", "dpkg", "amd64");
            return new Kaspersky(List.of(kesl), List.of(), List.of(unit(), new Evidence(EvidenceKind.PROCESS, "proc",
                    "kesl", "/opt/kaspersky/kesl/libexec/kesl", null)));
        }

        @Override
        List<Evidence> remnants() {
            return List.of(unit(), new Evidence(EvidenceKind.PACKAGE_RESIDUE, "dpkg", "kesl", null, "config-files"));
        }

        @Override
        Software ultraAv() {
            return null;
        }

        @Override
        ScanError failedSource() {
            return new ScanError("dpkg", "cannot read /var/lib/dpkg/status: Permission denied", true);
        }
    };

    private static final String KES_DIR = "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\";
    private static final String KES_MAC = "/Applications/Kaspersky Endpoint Security for Mac.app";

    /** A Kaspersky install: its software entries, what the OS says protects the host, its other traces. */
    record Kaspersky(List<Software> software, List<SecurityProduct> products, List<Evidence> observations) {
    }

    abstract OsInfo os(Random rnd);

    /** The software every host of this OS has, with a version or two that differ. */
    abstract List<Software> ordinary(Random rnd);

    /** The protection the OS brings and reports (Defender), or null. */
    abstract SecurityProduct builtInProtection();

    abstract Kaspersky kaspersky(Random rnd);

    /** What an uninstall leaves: no software entry, only traces. */
    abstract List<Evidence> remnants();

    /** UltraAV, where it is sold for the OS, else null. */
    abstract Software ultraAv();

    /** A primary source that could not be read, which makes a scan incomplete. */
    abstract ScanError failedSource();

    private static Software app(String name, String version, String publisher) {
        return new Software(name, version, publisher, "windows-uninstall", Software.MACHINE, null, null, null, null);
    }

    private static Software bundle(String name, String version, String bundleId) {
        return new Software(name, version, null, "macos-app", Software.MACHINE, null, bundleId, null,
                "/Applications/" + name + ".app");
    }

    private static Evidence service(String state) {
        return new Evidence(EvidenceKind.SERVICE, "windows-services", "AVP.KES.12.6.0", "\"" + KES_DIR + "avp.exe\"",
                state);
    }

    private static Evidence unit() {
        return new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service",
                "enabled");
    }
}
