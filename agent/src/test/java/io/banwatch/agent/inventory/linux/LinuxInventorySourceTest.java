package io.banwatch.agent.inventory.linux;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.RecordedCommands;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Inventory;
import io.banwatch.model.ScanError;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LinuxInventorySourceTest {
    @TempDir
    Path root;

    private final RecordedCommands commands = new RecordedCommands();
    private static final List<String> PROBES = List.of("/opt/kaspersky/kesl", "/opt/kaspersky", "/opt/CrowdStrike");

    private LinuxInventorySource image() {
        return new LinuxInventorySource(root, false, commands, PROBES, () -> {
            throw new AssertionError("an image scan must not ask the live machine for its UUID");
        });
    }

    /** The query an image scan asks rpm: the image's root, every package in the agent's format. */
    private List<String> rpmQuery() {
        return List.of("rpm", "--root", root.toAbsolutePath().toString(), "-qa", "--qf", RpmPackages.QUERY_FORMAT);
    }

    @Test
    void readsADebianImageWithoutRunningAnything() {
        Fixtures.debianWithKesl(root);
        Inventory inv = image().read();

        assertThat(inv.host().hostname()).isEqualTo("ws-0042");
        assertThat(inv.host().os().name()).isEqualTo("Debian GNU/Linux 12 (bookworm)");
        assertThat(inv.host().os().build()).isNull();
        assertThat(inv.host().arch()).isEqualTo("x86_64");
        assertThat(inv.host().id()).isEqualTo(io.banwatch.agent.inventory.HostId.derive("3f2b6c1e9a8d4e7f8a1b2c3d4e5f6071"))
                .doesNotContain("3f2b6c1e");
        assertThat(inv.software()).extracting(Software::name).containsExactly("apt", "base-files", "bash",
                "ca-certificates", "coreutils", "dpkg", "gzip", "libc6", "openssh-client", "tzdata", "libc6", "kesl",
                "kaspa-wallet", "kaspertech-tools", "kics");
        assertThat(inv.observations()).extracting(Evidence::kind, Evidence::name).containsExactlyInAnyOrder(
                tuple(EvidenceKind.PACKAGE_RESIDUE, "klnagent64"),
                tuple(EvidenceKind.SYSTEMD_UNIT, "kesl.service"),
                tuple(EvidenceKind.SYSTEMD_UNIT, "ssh.service"),
                tuple(EvidenceKind.PATH, "/opt/kaspersky/kesl"),
                tuple(EvidenceKind.PATH, "/opt/kaspersky"));
        assertThat(inv.errors()).isEmpty();
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void asksRpmForAnImageThatHasAnRpmDatabase() {
        Fixtures.write(root, "etc/os-release", Fixtures.text("linux/os-release-rhel9.txt"));
        Fixtures.write(root, "etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        Fixtures.write(root, "usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3");
        commands.prints(rpmQuery(), "linux/rpm-qa-rhel9-kesl.txt");

        Inventory inv = image().read();

        assertThat(commands.calls()).singleElement()
                .satisfies(c -> assertThat(c.timeout()).isEqualTo(Duration.ofSeconds(60)));
        assertThat(inv.software()).extracting(Software::name)
                .containsExactly("bash", "glibc", "openssl", "kesl", "klnagent64", "kics", "tzdata");
        assertThat(inv.host().os().name()).isEqualTo("Red Hat Enterprise Linux 9.4 (Plow)");
        assertThat(inv.host().arch()).isEqualTo("x86_64");
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void recordsAnRpmFailureAndGoesOn() {
        Fixtures.debianWithKesl(root);
        Fixtures.write(root, "var/lib/rpm/Packages", "db");
        commands.answers(rpmQuery(), CommandResult.failed("rpm: cannot run: No such file or directory"));

        Inventory inv = image().read();

        assertThat(inv.errors()).containsExactly(new ScanError("rpm",
                "rpm database at /var/lib/rpm could not be read: rpm: cannot run: No such file or directory", true));
        assertThat(inv.software()).extracting(Software::name).contains("kesl");
    }

    @Test
    void anImageWithNoPackageDatabaseIsAPrimaryErrorButTheScanCompletes() {
        Fixtures.write(root, "etc/os-release", "NAME=Alpine\n");
        Fixtures.write(root, "lib/systemd/system/kesl.service", "[Unit]\n");
        Inventory inv = image().read();
        assertThat(inv.errors()).containsExactly(new ScanError("packages", "no package database under " + root
                + " (looked for var/lib/dpkg/status, var/lib/rpm and usr/lib/sysimage/rpm)", true));
        assertThat(inv.observations()).extracting(Evidence::name).containsExactly("kesl.service");
        assertThat(inv.host().id()).isNotBlank();
    }

    @Test
    void anUnreadableStatusFileIsAnErrorOfThatSourceOnly() {
        Fixtures.debianWithKesl(root);
        Fixtures.mkdirs(root, "var/lib/dpkg");
        // A directory where the file should be: reading it fails.
        root.resolve("var/lib/dpkg/status").toFile().delete();
        Fixtures.mkdirs(root, "var/lib/dpkg/status");
        Inventory inv = image().read();
        assertThat(inv.errors()).containsExactly(new ScanError("dpkg",
                root.resolve("var/lib/dpkg/status") + ": Is a directory", true));
        assertThat(inv.observations()).extracting(Evidence::name).contains("kesl.service");
    }

    @Test
    void anEmptyRootIsIncomplete() {
        Inventory inv = image().read();
        assertThat(inv.errors()).extracting(ScanError::source, ScanError::primary).containsExactly(tuple("packages", true));
        assertThat(inv.software()).isEmpty();
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void anRpmDatabaseThatRpmCannotReadIsAPrimaryErrorEvenBesideDpkg() {
        Fixtures.debianWithKesl(root);
        Fixtures.write(root, "usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3");
        commands.answers(rpmQuery(),
                new CommandResult(1, "", "error: cannot open Packages database in /usr/lib/sysimage/rpm\n", null));

        Inventory inv = image().read();

        assertThat(inv.errors()).containsExactly(new ScanError("rpm", "rpm database at /usr/lib/sysimage/rpm could not be"
                + " read: exit code 1: error: cannot open Packages database in /usr/lib/sysimage/rpm", true));
        assertThat(inv.software()).extracting(Software::name).contains("kesl");
    }
}
