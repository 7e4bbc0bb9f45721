package io.banwatch.agent;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads recorded outputs from src/test/resources/fixtures and builds fake filesystem roots. */
public final class Fixtures {
    private Fixtures() {
    }

    public static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to {@code root/relative}, creating the directories. */
    public static Path write(Path root, String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Path mkdirs(Path root, String relative) {
        try {
            return Files.createDirectories(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Debian 12 root with kesl installed (dpkg), klnagent64's configuration left behind, decoy
     * packages, the kesl systemd unit enabled and the /opt install folder.
     */
    public static Path debianWithKesl(Path root) {
        write(root, "etc/os-release", text("linux/os-release-debian12.txt"));
        write(root, "etc/machine-id", "3f2b6c1e9a8d4e7f8a1b2c3d4e5f6071\n");
        write(root, "etc/hostname", "ws-0042\n");
        write(root, "var/lib/dpkg/status", text("linux/dpkg-status-debian12-kesl.txt"));
        write(root, "lib/systemd/system/kesl.service", text("linux/kesl.service"));
        write(root, "lib/systemd/system/ssh.service", "[Unit]\nDescription=OpenBSD Secure Shell server\n");
        try {
            Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
            Files.createSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/kesl.service"),
                    Path.of("/lib/systemd/system/kesl.service"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mkdirs(root, "opt/kaspersky/kesl/bin");
        return root;
    }

    /** The recorded clean Debian 12 status file with extra paragraphs from a stanza fixture appended. */
    public static String dpkgStatus(String... stanzaFixtures) {
        StringBuilder out = new StringBuilder(text("linux/dpkg-status-debian12-clean.txt"));
        for (String f : stanzaFixtures) {
            out.append('\n').append(text("linux/" + f));
        }
        return out.toString();
    }

    /** The bones of a Debian 12 image: os-release, machine-id, hostname and the given dpkg status. */
    public static Path debian(Path root, String hostname, String dpkgStatus) {
        write(root, "etc/os-release", text("linux/os-release-debian12.txt"));
        write(root, "etc/machine-id", "9d1c0e6f2a3b4c5d8e7f60718293a4b5\n");
        write(root, "etc/hostname", hostname + "\n");
        write(root, "var/lib/dpkg/status", dpkgStatus);
        write(root, "lib/systemd/system/ssh.service", "[Unit]\nDescription=OpenBSD Secure Shell server\n");
        return root;
    }

    /** A Russian-locale Astra Linux 1.7 workstation: kesl-astra, kesl-gui and Network Agent, Cyrillic package texts. */
    public static Path astraWithKeslRussian(Path root) {
        write(root, "etc/os-release", text("linux/os-release-astra17.txt"));
        write(root, "etc/machine-id", "a1b2c3d4e5f60718293a4b5c6d7e8f90\n");
        write(root, "etc/hostname", "арм-бухгалтерия-07\n");
        write(root, "var/lib/dpkg/status", dpkgStatus("dpkg-stanzas-astra-kesl-ru.txt"));
        write(root, "lib/systemd/system/kesl.service", text("linux/kesl.service"));
        write(root, "lib/systemd/system/klnagent64.service", text("linux/klnagent64.service"));
        enable(root, "kesl.service");
        enable(root, "klnagent64.service");
        mkdirs(root, "opt/kaspersky/kesl/bin");
        mkdirs(root, "opt/kaspersky/klnagent64/bin");
        write(root, "var/opt/kaspersky/kesl/common/kesl.ini", "[General]\nLocale=ru_RU.utf8\n");
        return root;
    }

    /** Kaspersky Security Center Network Agent alone: klnagent64 installed and enabled, no KESL. */
    public static Path debianWithNetworkAgentOnly(Path root) {
        debian(root, "srv-build-3", dpkgStatus("dpkg-stanzas-klnagent64.txt"));
        write(root, "lib/systemd/system/klnagent64.service", text("linux/klnagent64.service"));
        enable(root, "klnagent64.service");
        write(root, "opt/kaspersky/klnagent64/bin/klnagchk", "\u007fELF");
        mkdirs(root, "opt/kaspersky/klnagent64/lib");
        write(root, "etc/opt/kaspersky/klnagent64/klnagent.conf", "");
        return root;
    }

    /**
     * What uninstalling KESL and Network Agent leaves: both packages in config-files state, their
     * configuration and data folders, a unit copied into /etc, and an old KAV for Linux File
     * Server kernel module (with its redirfs companion) still in /lib/modules.
     */
    public static Path debianWithKasperskyRemnants(Path root) {
        debian(root, "ws-0117", dpkgStatus("dpkg-stanzas-kaspersky-remnants.txt"));
        write(root, "etc/opt/kaspersky/kesl/kesl.ini", "[General]\n");
        write(root, "etc/opt/kaspersky/klnagent64/klnagent.conf", "");
        write(root, "var/opt/kaspersky/kesl/common/kesl.ini", "[General]\n");
        write(root, "etc/systemd/system/kesl.service", text("linux/kesl.service"));
        String kernel = "lib/modules/6.1.0-18-amd64/";
        write(root, kernel + "modules.dep", text("linux/modules.dep-debian12-kav4fs.txt"));
        write(root, kernel + "misc/kav4fs_oas.ko", "\u007fELF");
        write(root, kernel + "misc/redirfs.ko", "\u007fELF");
        write(root, kernel + "kernel/fs/ext4/ext4.ko", "\u007fELF");
        return root;
    }

    /** Look-alike names only: Kaspa Wallet, KasperTech tools, Checkmarx kics, and their folders. */
    public static Path debianWithDecoys(Path root) {
        debian(root, "dev-laptop-9", dpkgStatus("dpkg-stanzas-decoys.txt"));
        mkdirs(root, "opt/KasperTech/tools");
        mkdirs(root, "opt/kaspa-wallet");
        write(root, "usr/local/kics/assets/queries/README", "");
        return root;
    }

    /** ClamAV (daemon and freshclam) and the CrowdStrike Falcon sensor, installed and enabled. */
    public static Path withClamAvAndFalcon(Path root) {
        write(root, "lib/systemd/system/clamav-daemon.service", "[Unit]\nDescription=Clam AntiVirus userspace daemon\n");
        write(root, "lib/systemd/system/clamav-freshclam.service", "[Unit]\nDescription=ClamAV virus database updater\n");
        write(root, "lib/systemd/system/falcon-sensor.service", "[Unit]\nDescription=CrowdStrike Falcon Sensor\n");
        enable(root, "clamav-daemon.service");
        enable(root, "clamav-freshclam.service");
        enable(root, "falcon-sensor.service");
        write(root, "var/lib/clamav/daily.cvd", "ClamAV-VDB");
        write(root, "opt/CrowdStrike/falconctl", "\u007fELF");
        return root;
    }

    /**
     * A fake {@code proc/<pid>} under a root: the NUL-separated command line and the comm name
     * the kernel shows; an empty {@code argv} is a kernel thread.
     */
    public static void process(Path root, int pid, String comm, String... argv) {
        write(root, "proc/" + pid + "/comm", comm + "\n");
        write(root, "proc/" + pid + "/cmdline", argv.length == 0 ? "" : String.join("\0", argv) + "\0");
    }

    /** Enables a unit the way systemctl does: a link in multi-user.target.wants. */
    public static void enable(Path root, String unit) {
        try {
            Path wants = Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
            Files.createSymbolicLink(wants.resolve(unit), Path.of("/lib/systemd/system/" + unit));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
