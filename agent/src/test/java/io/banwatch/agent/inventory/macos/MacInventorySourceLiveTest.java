package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.HostId;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Inventory;
import io.banwatch.model.ScanError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.banwatch.agent.inventory.macos.MacFixtures.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Live scans: the file tree of a recorded Mac plus recorded command outputs from a mocked runner. */
class MacInventorySourceLiveTest {
    private static final List<String> PS = List.of("/bin/ps", "-axo", "comm=");
    private static final List<String> SCUTIL = List.of("/usr/sbin/scutil", "--get", "LocalHostName");
    private static final List<String> IOREG = List.of("/usr/sbin/ioreg", "-rd1", "-c", "IOPlatformExpertDevice");
    private static final List<String> SYSEXTCTL = List.of("/usr/bin/systemextensionsctl", "list");

    @TempDir
    Path tmp;

    private final CommandRunner runner = MacFixtures.failingRunner();

    private Inventory scan(Path root) {
        return new MacInventorySource(root, true, runner, MacInventorySourceTest.PROBES).read();
    }

    private void stub(List<String> argv, String stdout) {
        when(runner.run(eq(argv), isNull(), any(Duration.class))).thenReturn(ran(stdout));
    }

    @Test
    void addsRunningProgramsAndTheHardwareIdentity() {
        stub(PS, MacFixtures.text("commands/ps-axo-comm-kav.txt"));
        stub(SCUTIL, "Alices-MacBook-Pro\n");
        stub(IOREG, MacFixtures.text("commands/ioreg-platform.txt"));

        Inventory inv = scan(MacFixtures.scenario("kav-for-mac"));

        assertThat(inv.observations()).filteredOn(e -> e.kind() == EvidenceKind.PROCESS)
                .containsExactlyElementsOf(PsProcesses.parse(MacFixtures.text("commands/ps-axo-comm-kav.txt")))
                .extracting(Evidence::name).contains("kav", "kav_agent", "kav_app", "com.kaspersky.kav.sysext");
        assertThat(inv.host().hostname()).isEqualTo("Alices-MacBook-Pro");
        assertThat(inv.host().id()).isEqualTo(HostId.derive("5B2F9C0E-7A41-4D8B-9E36-1C0A2D4F8E71"));
        assertThat(inv.host().arch()).isNotNull();
        assertThat(inv.software()).hasSize(4);
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void runsOnlyQuickCommandsEachWithATimeout() {
        Path mac = MacFixtures.copy("kav-for-mac", tmp);
        Fixtures.write(mac, "Library/SystemExtensions/db.plist", "");
        scan(mac);

        @SuppressWarnings("unchecked")
        ArgumentCaptor<List<String>> argv = ArgumentCaptor.forClass(List.class);
        ArgumentCaptor<Duration> timeout = ArgumentCaptor.forClass(Duration.class);
        verify(runner, atLeastOnce()).run(argv.capture(), isNull(), timeout.capture());
        // Every command fails here, so the hostname falls back to /bin/hostname too.
        assertThat(argv.getAllValues()).containsExactlyInAnyOrder(
                SYSEXTCTL, PS, IOREG, SCUTIL, List.of("/bin/hostname"));
        assertThat(timeout.getAllValues()).allSatisfy(t ->
                assertThat(t).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(15)));
    }

    @Test
    void listsSystemExtensionsWithTheCommandWhenDbPlistIsClosed() {
        Path mac = MacFixtures.copy("kav-for-mac", tmp);
        Fixtures.write(mac, "Library/SystemExtensions/db.plist", "bplist00");
        stub(SYSEXTCTL, MacFixtures.text("kav-for-mac/commands/systemextensionsctl-list.txt"));

        Inventory inv = scan(mac);

        assertThat(inv.observations()).filteredOn(e -> e.kind() == EvidenceKind.SYSTEM_EXTENSION).containsExactly(
                new Evidence(EvidenceKind.SYSTEM_EXTENSION, "systemextensionsctl", "com.kaspersky.kav.sysext", null,
                        "teamID=2Y8XE5CQ94 state=activated_enabled"));
        assertThat(inv.errors()).extracting(ScanError::source).doesNotContain("systemextensions");
    }

    @Test
    void failingCommandsAreErrorsAndTheFilesAreStillRead() {
        Inventory inv = scan(MacFixtures.scenario("kes-mac-with-agent"));

        assertThat(inv.errors()).extracting(ScanError::source).containsExactly("ps", "host-id", "hostname");
        assertThat(inv.errors().get(0)).isEqualTo(new ScanError("ps", "not stubbed"));
        assertThat(inv.software()).hasSize(5);
        assertThat(inv.observations()).filteredOn(e -> e.kind() == EvidenceKind.SYSTEM_EXTENSION).hasSize(1);
        assertThat(inv.host().hostname()).isEqualTo("localhost");
    }
}
