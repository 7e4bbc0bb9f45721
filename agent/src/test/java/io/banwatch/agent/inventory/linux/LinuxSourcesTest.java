package io.banwatch.agent.inventory.linux;

import io.banwatch.agent.Fixtures;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The small Linux sources: rpm output, os-release, /proc/modules, module files, /proc, unit directories. */
class LinuxSourcesTest {
    @TempDir
    Path root;

    @Test
    void parsesRpmQueryOutputAndSkipsSigningKeys() {
        assertThat(RpmPackages.parse(Fixtures.text("linux/rpm-qa-rhel9-kesl.txt")))
                .extracting(Software::name, Software::version, Software::arch, Software::publisher, Software::installedOn)
                .containsExactly(
                        tuple("bash", "5.1.8-9.el9", "x86_64", "Red Hat, Inc.", LocalDate.of(2024, 5, 28)),
                        tuple("glibc", "2.34-100.el9_4.2", "x86_64", "Red Hat, Inc.", LocalDate.of(2024, 5, 28)),
                        tuple("openssl", "1:3.0.7-27.el9", "x86_64", "Red Hat, Inc.", LocalDate.of(2024, 5, 28)),
                        tuple("kesl", "12.1.0-1297", "x86_64", "AO Kaspersky Lab", LocalDate.of(2024, 6, 25)),
                        tuple("klnagent64", "15.1.0-20748", "x86_64", "AO Kaspersky Lab", LocalDate.of(2024, 6, 25)),
                        tuple("kics", "3.0.0-12", "x86_64", "AO Kaspersky Lab", LocalDate.of(2024, 6, 25)),
                        tuple("tzdata", "2024a-1.el9", "noarch", "Red Hat, Inc.", LocalDate.of(2024, 5, 28)));
        assertThat(RpmPackages.parse("")).isEmpty();
        assertThat(RpmPackages.parse("only\tthree\tfields\n")).isEmpty();
    }

    @Test
    void parsesOsReleaseQuotedAndUnquoted() {
        Map<String, String> debian = OsRelease.parse(Fixtures.text("linux/os-release-debian12.txt"));
        assertThat(debian).containsEntry("PRETTY_NAME", "Debian GNU/Linux 12 (bookworm)")
                .containsEntry("VERSION_ID", "12").containsEntry("ID", "debian");
        assertThat(OsRelease.parse(Fixtures.text("linux/os-release-rhel9.txt")))
                .containsEntry("PRETTY_NAME", "Red Hat Enterprise Linux 9.4 (Plow)").containsEntry("VERSION_ID", "9.4");
        assertThat(OsRelease.parse("# comment\n=x\nNAME='Astra Linux'\n")).containsExactly(Map.entry("NAME", "Astra Linux"));
    }

    @Test
    void parsesLoadedKernelModulesWithTheirTaint() {
        assertThat(KernelModules.parse(Fixtures.text("linux/proc-modules.txt")))
                .extracting(Evidence::name, Evidence::detail)
                .containsExactly(tuple("tls", null), tuple("nf_tables", null), tuple("kav4fs_oas", "taint=OE"),
                        tuple("redirfs", "taint=OE"), tuple("ext4", null));
    }

    @Test
    void namesProcessesByTheirProgramNotTheirArguments() throws IOException {
        proc(1, "/sbin/init\0splash\0", "systemd");
        proc(200, "/opt/kaspersky/kesl/libexec/kesl\0--daemon\0", "kesl");
        proc(201, "/opt/kaspersky/kesl/libexec/kesl\0--worker\0", "kesl");
        proc(300, "sshd: alice@pts/0\0", "sshd");
        proc(400, "", "kworker/0:1");
        proc(500, "/usr/lib/very-long-program-name-beyond-15\0", "very-long-progr");
        Fixtures.write(root, "proc/self/cmdline", "/usr/bin/java\0");
        assertThat(ProcProcesses.read(root.resolve("proc")))
                .extracting(Evidence::name, Evidence::location)
                .containsExactlyInAnyOrder(
                        tuple("init", "/sbin/init"),
                        tuple("kesl", "/opt/kaspersky/kesl/libexec/kesl"),
                        tuple("sshd", null),
                        tuple("very-long-program-name-beyond-15", "/usr/lib/very-long-program-name-beyond-15"));
    }

    @Test
    void fallsBackToCommOnlyWhenArgv0NamesNoProgram() throws IOException {
        proc(600, "\0--no-argv0\0", "klnagent");
        proc(601, "/opt/kaspersky/kesl/bin/\0", "kesl-gui");
        // A program that exits between the two reads: cmdline was enough, comm is never needed.
        Fixtures.write(root, "proc/602/cmdline", "/usr/bin/bash\0");
        assertThat(ProcProcesses.read(root.resolve("proc")))
                .extracting(Evidence::name, Evidence::location)
                .containsExactlyInAnyOrder(
                        tuple("klnagent", null),
                        tuple("kesl-gui", "/opt/kaspersky/kesl/bin/"),
                        tuple("bash", "/usr/bin/bash"));
    }

    @Test
    void readsUnitDirectoriesInSystemdPriorityOrderAndMarksEnabledUnits() throws IOException {
        Fixtures.write(root, "lib/systemd/system/kesl.service", Fixtures.text("linux/kesl.service"));
        Fixtures.write(root, "lib/systemd/system/ssh.service", "[Unit]\n");
        Fixtures.write(root, "lib/systemd/system/ssh.socket", "[Unit]\n");
        Fixtures.write(root, "etc/systemd/system/ssh.service", "[Unit]\n# local override\n");
        Files.createDirectories(root.resolve("etc/systemd/system/multi-user.target.wants"));
        Files.createSymbolicLink(root.resolve("etc/systemd/system/multi-user.target.wants/kesl.service"),
                Path.of("/lib/systemd/system/kesl.service"));
        assertThat(SystemdUnits.read(root))
                .extracting(Evidence::kind, Evidence::name, Evidence::location, Evidence::detail)
                .containsExactlyInAnyOrder(
                        tuple(EvidenceKind.SYSTEMD_UNIT, "ssh.service", "/etc/systemd/system/ssh.service", null),
                        tuple(EvidenceKind.SYSTEMD_UNIT, "kesl.service", "/lib/systemd/system/kesl.service", "enabled"));
    }

    @Test
    void aRootWithoutUnitDirectoriesHasNoUnits() throws IOException {
        assertThat(SystemdUnits.read(root)).isEmpty();
    }

    @Test
    void namesModuleFilesAsTheKernelNamesThem() {
        assertThat(ModuleFiles.moduleName("kav4fs_oas.ko")).isEqualTo("kav4fs_oas");
        assertThat(ModuleFiles.moduleName("kav4fs-oas.ko.xz")).isEqualTo("kav4fs_oas");
        assertThat(ModuleFiles.moduleName("redirfs.ko.zst")).isEqualTo("redirfs");
        assertThat(ModuleFiles.moduleName("ext4.ko.gz")).isEqualTo("ext4");
        assertThat(ModuleFiles.moduleName("modules.dep")).isNull();
        assertThat(ModuleFiles.moduleName(".ko")).isNull();
        assertThat(ModuleFiles.moduleName("notes.ko.txt")).isNull();
    }

    @Test
    void readsOnlyTheOutOfTreeLinesOfModulesDep() throws IOException {
        Path kernel = Fixtures.mkdirs(root, "lib/modules/6.1.0-18-amd64");
        Fixtures.write(root, "lib/modules/6.1.0-18-amd64/modules.dep", Fixtures.text("linux/modules.dep-debian12-kav4fs.txt")
                + "/lib/modules/6.1.0-18-amd64/extra/old-style.ko:\n/lib/modules/6.1.0-18-amd64/kernel/fs/old.ko:\n");
        assertThat(ModuleFiles.fromModulesDep(kernel))
                .containsExactly("misc/redirfs.ko", "misc/kav4fs_oas.ko", "extra/old-style.ko");
        assertThat(ModuleFiles.fromModulesDep(root)).isEmpty();
    }

    @Test
    void anImagesOutOfTreeModulesAreFoundOnDiskWithoutFollowingLinks() throws IOException {
        // A RHEL-style image: compressed modules, no modules.dep, weak-updates linking to the host's tree.
        String el9 = "lib/modules/5.14.0-427.13.1.el9_4.x86_64/";
        Fixtures.write(root, el9 + "extra/kaspersky/kav4fs_oas.ko.xz", "xz");
        Fixtures.write(root, el9 + "kernel/fs/ext4/ext4.ko.xz", "xz");
        Fixtures.mkdirs(root, "lib/modules/5.14.0-362.el9.x86_64/weak-updates/kaspersky");
        Files.createSymbolicLink(root.resolve("lib/modules/5.14.0-362.el9.x86_64/weak-updates/kaspersky/kav4fs_oas.ko.xz"),
                Path.of("/lib/modules/5.14.0-427.13.1.el9_4.x86_64/extra/kaspersky/kav4fs_oas.ko.xz"));
        // Merged /usr: the same tree seen twice is read once.
        Files.createDirectories(root.resolve("usr"));
        Files.createSymbolicLink(root.resolve("usr/lib"), Path.of("../lib"));

        assertThat(ModuleFiles.read(root)).extracting(Evidence::kind, Evidence::name, Evidence::location, Evidence::detail)
                .containsExactly(
                        tuple(EvidenceKind.KERNEL_MODULE, "kav4fs_oas",
                                "/lib/modules/5.14.0-362.el9.x86_64/weak-updates/kaspersky/kav4fs_oas.ko.xz",
                                "kernel=5.14.0-362.el9.x86_64"),
                        tuple(EvidenceKind.KERNEL_MODULE, "kav4fs_oas",
                                "/lib/modules/5.14.0-427.13.1.el9_4.x86_64/extra/kaspersky/kav4fs_oas.ko.xz",
                                "kernel=5.14.0-427.13.1.el9_4.x86_64"));
        assertThat(ModuleFiles.read(Fixtures.mkdirs(root, "empty"))).isEmpty();
    }

    private void proc(int pid, String cmdline, String comm) {
        Fixtures.write(root, "proc/" + pid + "/cmdline", cmdline);
        Fixtures.write(root, "proc/" + pid + "/comm", comm + "\n");
    }
}
