package io.banwatch.bench;

import io.banwatch.agent.inventory.linux.DpkgStatus;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.OsInfo;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Large inventories shaped like the collectors' output, with a handful of real Kaspersky traces
 * (names from seeds/kaspersky-us.json and the recorded fixtures) and look-alike decoys spread
 * through thousands of ordinary entries: the rules must look at everything and match almost nothing.
 */
final class SyntheticInventory {
    private static final String KL = "AO Kaspersky Lab <support@kaspersky.com>";
    private static final String[] WORDS = ("core data net sync cloud print audio video shell update agent "
            + "helper monitor backup remote viewer studio desktop service runtime tools driver bridge").split(" ");

    private SyntheticInventory() {
    }

    static Inventory of(String os, int software) {
        return switch (os) {
            case "linux" -> linux(software);
            case "windows" -> windows(software);
            default -> throw new IllegalArgumentException("os: linux or windows, not " + os);
        };
    }

    /** A Debian host: dpkg packages, systemd units, processes, kernel modules, probed paths. */
    static Inventory linux(int count) {
        Random rnd = new Random(7);
        DpkgStatus.Result dpkg = DpkgStatus.parse(SyntheticDpkgStatus.generate(count + count / 20));
        List<Software> software = new ArrayList<>(dpkg.installed().subList(0, count - 4));
        // KESL installed, and decoys whose names or maintainers look Kaspersky-ish but are not.
        software.add(count / 3, Software.pkg("kesl", "12.1.0-1297", KL, "dpkg", "amd64"));
        software.add(count / 2, Software.pkg("kaspa-wallet", "0.13.4", "Kaspa Developers <dev@kaspa.example>", "dpkg", "amd64"));
        software.add(2 * count / 3, Software.pkg("kaspertech-tools", "2.1.0", "KasperTech Support <support@kaspertech.example>", "dpkg", "all"));
        software.add(Software.pkg("kics", "1.7.13", "Checkmarx <kics@checkmarx.example>", "dpkg", "amd64"));

        List<Evidence> obs = new ArrayList<>(dpkg.residues());
        obs.add(new Evidence(EvidenceKind.PACKAGE_RESIDUE, "dpkg", "klnagent64", null, "deinstall ok config-files"));
        for (int i = 0; i < 350; i++) {
            String unit = word(rnd) + "-" + word(rnd) + i + ".service";
            obs.add(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", unit, "/lib/systemd/system/" + unit,
                    rnd.nextBoolean() ? "enabled" : null));
        }
        obs.add(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", "enabled"));
        obs.add(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kaspa-node.service", "/lib/systemd/system/kaspa-node.service", null));
        for (int i = 0; i < 250; i++) {
            String name = word(rnd) + (i % 7 == 0 ? "d" : "-" + word(rnd));
            obs.add(new Evidence(EvidenceKind.PROCESS, "proc", name, "/usr/bin/" + name, null));
        }
        obs.add(new Evidence(EvidenceKind.PROCESS, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null));
        obs.add(new Evidence(EvidenceKind.PROCESS, "proc", "kavita", "/opt/kavita/Kavita", null));
        for (int i = 0; i < 120; i++) {
            obs.add(new Evidence(EvidenceKind.KERNEL_MODULE, "proc-modules", word(rnd) + "_" + i, null, "Live"));
        }
        obs.add(Evidence.of(EvidenceKind.PATH, "path", "/opt/kaspersky/kesl"));
        obs.add(Evidence.of(EvidenceKind.PATH, "path", "/var/opt/kaspersky/kesl"));
        obs.add(Evidence.of(EvidenceKind.PATH, "install-dirs", "/opt/kaspersky"));
        Host host = new Host("3f9a0c6e5b7d41e2a8c4b1f0d9e6a7c3", "bench-linux",
                new OsInfo("linux", "Debian GNU/Linux 12 (bookworm)", "12", "6.1.0-27-amd64"), "x86_64", null);
        return new Inventory(host, software, obs, List.of(), List.of());
    }

    /** A Windows host: uninstall entries, services, drivers, processes, Kaspersky registry keys. */
    static Inventory windows(int count) {
        Random rnd = new Random(11);
        String[][] vendors = {{"Microsoft Corporation", "Microsoft"}, {"Adobe Inc.", "Adobe"},
            {"Google LLC", "Google"}, {"Intel Corporation", "Intel(R)"}, {"NVIDIA Corporation", "NVIDIA"},
            {"Oracle Corporation", "Java"}, {"JetBrains s.r.o.", "JetBrains"}, {"Dell Inc.", "Dell"},
            {"Python Software Foundation", "Python 3.12"}, {"Mozilla", "Mozilla"}, {"Zoom Video Communications, Inc.", "Zoom"},
            {"Cisco Systems, Inc.", "Cisco"}, {"Realtek Semiconductor Corp.", "Realtek"}, {"Citrix Systems, Inc.", "Citrix"}};
        List<Software> software = new ArrayList<>(count);
        for (int i = 0; software.size() < count - 5; i++) {
            String[] v = vendors[rnd.nextInt(vendors.length)];
            String version = rnd.nextInt(30) + "." + rnd.nextInt(10) + "." + rnd.nextInt(40000);
            String name = v[1] + " " + word(rnd) + " " + word(rnd) + (rnd.nextBoolean() ? " (x64)" : "") + " " + version;
            String scope = i % 9 == 0 ? "user:S-1-5-21-3623811015-3361044348-30300820-" + (1001 + i % 3) : "machine";
            software.add(new Software(name, version, v[0], "windows-uninstall", scope, null, guid(rnd), null,
                    rnd.nextBoolean() ? "C:\\Program Files\\" + v[1] + "\\" + word(rnd) : null));
        }
        software.add(count / 3, new Software("Kaspersky Endpoint Security for Windows", "12.3.0.493", "AO Kaspersky Lab",
                "windows-uninstall", "machine", null, "{8F4A1B1C-2B7E-4E8A-9D5C-3A1E0F6B2C11}", null,
                "C:\\Program Files (x86)\\Kaspersky Lab\\Kaspersky Endpoint Security for Windows\\"));
        software.add(count / 2, new Software("Kaspa Desktop Wallet", "0.13.4", "Kaspa Developers", "windows-uninstall",
                "machine", null, guid(rnd), null, null));
        software.add(2 * count / 3, new Software("KasperTech Backup 2.1", "2.1.0", "KasperTech", "windows-uninstall",
                "machine", null, guid(rnd), null, null));
        software.add(new Software("Casper Secure Erase", "5.0", "Casper Tech", "windows-uninstall", "machine", null,
                guid(rnd), null, null));
        software.add(new Software("Microsoft Defender Antivirus", "4.18.24090.11", "Microsoft Corporation",
                "windows-uninstall", "machine", null, guid(rnd), null, null));

        List<Evidence> obs = new ArrayList<>();
        for (int i = 0; i < 280; i++) {
            String name = word(rnd) + word(rnd) + "Svc" + i;
            obs.add(new Evidence(EvidenceKind.SERVICE, "windows-services", name,
                    "C:\\Windows\\System32\\svchost.exe -k " + name, i % 3 == 0 ? "Running Auto" : "Stopped Manual"));
        }
        obs.add(new Evidence(EvidenceKind.SERVICE, "windows-services", "AVP.KES.12.3",
                "\"C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.3.0\\avp.exe\" -r", "Running Auto"));
        obs.add(new Evidence(EvidenceKind.SERVICE, "windows-services", "avpn", "C:\\Tools\\avpn.exe", "Stopped Manual"));
        for (int i = 0; i < 200; i++) {
            String name = word(rnd) + i;
            obs.add(new Evidence(EvidenceKind.DRIVER, "windows-drivers", name,
                    "C:\\Windows\\System32\\drivers\\" + name + ".sys", i % 2 == 0 ? "Running Boot" : "Stopped Manual"));
        }
        obs.add(new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klif", "C:\\Windows\\System32\\drivers\\klif.sys", "Running Boot"));
        obs.add(new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klupd_klif_arkmon",
                "C:\\Windows\\System32\\drivers\\klupd_klif_arkmon.sys", "Running Boot"));
        for (int i = 0; i < 150; i++) {
            String name = word(rnd) + word(rnd) + ".exe";
            obs.add(new Evidence(EvidenceKind.PROCESS, "windows-processes", name, "C:\\Program Files\\" + name, null));
        }
        obs.add(new Evidence(EvidenceKind.PROCESS, "windows-processes", "avp.exe",
                "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.3.0\\avp.exe", null));
        obs.add(new Evidence(EvidenceKind.PROCESS, "windows-processes", "avpui.exe",
                "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.3.0\\avpui.exe", null));
        obs.add(new Evidence(EvidenceKind.REGISTRY_KEY, "windows-registry",
                "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES12.3", null, "12.3.0.493"));
        obs.add(new Evidence(EvidenceKind.REGISTRY_KEY, "windows-registry", "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab", null, null));
        obs.add(Evidence.of(EvidenceKind.PATH, "path", "C:\\Program Files (x86)\\Kaspersky Lab"));
        obs.add(Evidence.of(EvidenceKind.PATH, "path",
                "C:\\Program Files (x86)\\Kaspersky Lab\\Kaspersky Endpoint Security for Windows"));

        List<SecurityProduct> reported = List.of(
                new SecurityProduct("Kaspersky", "Kaspersky Endpoint Security for Windows", null, "antivirus", true, true,
                        null, List.of(new Evidence(EvidenceKind.SECURITY_CENTER, "wsc-antivirus",
                        "Kaspersky Endpoint Security for Windows", "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.3.0\\avp.exe", "266240"))),
                new SecurityProduct("Microsoft", "Windows Defender", null, "antivirus", false, true, null,
                        List.of(new Evidence(EvidenceKind.SECURITY_CENTER, "wsc-antivirus", "Windows Defender", null, "393472"))));
        Host host = new Host("0c1d2e3f405162738495a6b7c8d9eaf1", "BENCH-WIN", new OsInfo("windows",
                "Microsoft Windows 11 Enterprise", "10.0.22631", "22631"), "x86_64", "corp.example");
        return new Inventory(host, software, obs, reported, List.of());
    }

    private static String word(Random rnd) {
        return WORDS[rnd.nextInt(WORDS.length)];
    }

    private static String guid(Random rnd) {
        return String.format("{%08X-%04X-%04X-%04X-%012X}", rnd.nextInt(), rnd.nextInt(0x10000), rnd.nextInt(0x10000),
                rnd.nextInt(0x10000), rnd.nextLong() & 0xFFFFFFFFFFFFL);
    }
}
