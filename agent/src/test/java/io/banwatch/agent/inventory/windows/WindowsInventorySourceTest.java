package io.banwatch.agent.inventory.windows;

import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.HostId;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Inventory;
import io.banwatch.model.ScanError;
import io.banwatch.model.SecurityProduct;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

/** How the collector runs PowerShell and what it does when PowerShell or a section fails. */
class WindowsInventorySourceTest {
    static final Clock SCAN_DAY = Clock.fixed(Instant.parse("2025-03-11T12:00:00Z"), ZoneOffset.UTC);
    private static final String POWERSHELL = "C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe";
    private static final String REG = "C:\\WINDOWS\\System32\\reg.exe";
    private static final String CLEAN_GUID = "6c1f2a9e-3b7d-4e58-9a0c-2f8d71e4b5a3";
    private static final List<String> PROBES = List.of("C:\\Program Files (x86)\\Kaspersky Lab",
            "C:\\ProgramData\\Kaspersky Lab", "/opt/kaspersky", "\\\\fileserver\\share\\Kaspersky Lab");

    private final CommandRunner runner = mock(CommandRunner.class);
    private final Map<String, String> env = new HashMap<>(Map.of("SystemRoot", "C:\\WINDOWS", "COMPUTERNAME", "PC-FIN-0142",
            "PROCESSOR_ARCHITECTURE", "AMD64"));

    private WindowsInventorySource source(Predicate<String> pathExists) {
        return new WindowsInventorySource(runner, PROBES, SCAN_DAY, env::get, pathExists);
    }

    private void powerShellPrints(String stdout) {
        when(runner.run(argThat(argv -> argv != null && argv.get(0).endsWith("powershell.exe")), any(), any(Duration.class)))
                .thenReturn(new CommandResult(0, stdout, "", null));
    }

    private void regPrints(CommandResult result) {
        when(runner.run(argThat(argv -> argv != null && argv.get(0).endsWith("reg.exe")), isNull(), any(Duration.class))).thenReturn(result);
    }

    @Test
    void runsTheInventoryScriptOnceThrough64BitPowerShellOnStandardInput() {
        powerShellPrints(WindowsFixtures.output(WindowsFixtures.CLEAN));

        source(path -> false).read();

        ArgumentCaptor<String> stdin = ArgumentCaptor.forClass(String.class);
        verify(runner).run(eq(List.of(POWERSHELL, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", "-")),
                stdin.capture(), eq(Duration.ofSeconds(120)));
        verifyNoMoreInteractions(runner);
        assertThat(stdin.getValue()).startsWith("# banwatch Windows inventory script.")
                .contains("Invoke-BanwatchSection -Name 'processes'")
                // Piped through -Command -, the last statement runs only once a blank line ends it.
                .matches("(?s).*}(\\r?\\n){3}");
    }

    @Test
    void a32BitJvmOn64BitWindowsReachesThe64BitPowerShellThroughSysnative() {
        env.put("PROCESSOR_ARCHITEW6432", "AMD64");
        assertThat(source(path -> false).powerShellPath())
                .isEqualTo("C:\\WINDOWS\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe");

        env.remove("SystemRoot");
        env.put("windir", "D:\\Windows");
        assertThat(source(path -> false).powerShellPath())
                .isEqualTo("D:\\Windows\\Sysnative\\WindowsPowerShell\\v1.0\\powershell.exe");

        env.remove("windir");
        assertThat(source(path -> false).powerShellPath()).isEqualTo("powershell.exe");
    }

    @Test
    void whenPowerShellCannotRunTheScanStillNamesTheHostAndChecksTheFolders() {
        when(runner.run(anyList(), any(), eq(Duration.ofSeconds(120))))
                .thenReturn(CommandResult.failed(POWERSHELL + ": timed out after 120 s"));
        regPrints(new CommandResult(0, "\r\nHKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography\r\n"
                + "    MachineGuid    REG_SZ    " + CLEAN_GUID + "\r\n\r\n", "", null));

        Inventory inv = source(path -> path.equals("C:\\Program Files (x86)\\Kaspersky Lab")).read();

        assertThat(inv.errors()).containsExactly(new ScanError("powershell", POWERSHELL + ": timed out after 120 s", true));
        verify(runner).run(List.of(REG, "query", "HKLM\\SOFTWARE\\Microsoft\\Cryptography", "/v", "MachineGuid", "/reg:64"),
                null, Duration.ofSeconds(15));
        assertThat(inv.host().id()).isEqualTo(HostId.derive(CLEAN_GUID));
        assertThat(inv.host().hostname()).isEqualTo("PC-FIN-0142");
        assertThat(inv.host().arch()).isEqualTo("x86_64");
        assertThat(inv.software()).isEmpty();
        assertThat(inv.securityProducts()).isEmpty();
        assertThat(inv.observations()).extracting(Evidence::kind, Evidence::source, Evidence::name)
                .containsExactly(tuple(EvidenceKind.PATH, "path", "C:\\Program Files (x86)\\Kaspersky Lab"));
    }

    @Test
    void whenNeitherPowerShellNorRegExeAnswerTheWeakHostIdIsReported() {
        when(runner.run(anyList(), any(), any(Duration.class)))
                .thenReturn(new CommandResult(1, "", "Program 'powershell.exe' failed to run: This program is blocked by group policy.\r\n", null))
                .thenReturn(CommandResult.failed(REG + ": cannot run: Access is denied"));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).containsExactly(
                new ScanError("powershell", "exit code 1: Program 'powershell.exe' failed to run: This program is blocked by group policy.", true),
                new ScanError("host", "MachineGuid could not be read (" + REG + ": cannot run: Access is denied); "
                        + "the host id is derived from the host name"));
        assertThat(inv.host().id()).isNotBlank().isNotEqualTo("PC-FIN-0142");
    }

    @Test
    void outputWithoutSectionsIsOneError() {
        powerShellPrints("Cannot invoke method. Method invocation is supported only on core types in this language mode.\r\n");
        regPrints(new CommandResult(0, "    MachineGuid    REG_SZ    " + CLEAN_GUID + "\r\n", "", null));

        assertThat(source(path -> false).read().errors())
                .containsExactly(new ScanError("powershell", "printed no inventory sections", true));
    }

    /** The recording of {@code fixture} up to the marker of {@code section}, plus {@code tail}: a script killed there. */
    private static String cutAt(String fixture, String section, String tail) {
        String output = WindowsFixtures.output(fixture);
        return output.substring(0, output.indexOf(PowerShellSections.SECTION_MARKER + section + "\r\n")) + tail;
    }

    private void powerShellTimesOutAfterPrinting(String partialStdout) {
        when(runner.run(argThat(argv -> argv != null && argv.get(0).endsWith("powershell.exe")), any(), any(Duration.class)))
                .thenReturn(CommandResult.timedOut(POWERSHELL + ": timed out after 120 s", partialStdout, ""));
    }

    @Test
    void whenPowerShellTimesOutTheSectionsItFinishedAreKeptAndTheOthersAreErrors() {
        // Killed while writing services: its marker and half its JSON line made it into the pipe.
        String services = WindowsFixtures.json(WindowsFixtures.KES, "services");
        powerShellTimesOutAfterPrinting(cutAt(WindowsFixtures.KES, "services",
                PowerShellSections.SECTION_MARKER + "services\r\n" + services.substring(0, services.length() / 2)));

        Inventory cut = source(path -> false).read();
        powerShellPrints(WindowsFixtures.output(WindowsFixtures.KES));
        Inventory whole = source(path -> false).read();

        assertThat(cut.errors()).containsExactly(
                new ScanError("powershell", POWERSHELL + ": timed out after 120 s; kept the 9 sections finished before"),
                new ScanError("services", "not finished before PowerShell timed out"),
                new ScanError("drivers", "not finished before PowerShell timed out"),
                new ScanError("kaspersky-registry", "not finished before PowerShell timed out"),
                new ScanError("processes", "not finished before PowerShell timed out"));
        assertThat(cut.host()).isEqualTo(whole.host());
        assertThat(cut.software()).isEqualTo(whole.software()).isNotEmpty();
        assertThat(cut.observations()).isEmpty();
        // Security Center and Defender were finished; the registry dating Kaspersky's signatures was not.
        assertThat(cut.securityProducts()).extracting(p -> p.vendor() + " " + p.kind() + " " + p.enabled())
                .containsExactly("Microsoft antivirus false", "Kaspersky antivirus true", "Kaspersky firewall true");
    }

    @Test
    void aSectionMarkerWithoutItsBodyLineIsUnfinishedNotEmpty() {
        // An empty body line would say "no Store apps"; a missing one says nothing.
        powerShellTimesOutAfterPrinting(cutAt(WindowsFixtures.KES, "appx", PowerShellSections.SECTION_MARKER + "appx\r\n"));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).extracting(ScanError::source).containsExactly("powershell", "appx", "wsc-antivirus",
                "wsc-antispyware", "wsc-firewall", "defender", "defender-endpoint", "services", "drivers", "kaspersky-registry",
                "processes");
        assertThat(inv.errors().get(1).message()).isEqualTo("not finished before PowerShell timed out");
        assertThat(inv.software()).extracting(s -> s.source()).doesNotContain("windows-store").contains("windows-uninstall");
    }

    @Test
    void aTimeoutBeforeAnySectionFallsBackToTheEnvironment() {
        powerShellTimesOutAfterPrinting("");
        regPrints(new CommandResult(0, "    MachineGuid    REG_SZ    " + CLEAN_GUID + "\r\n", "", null));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).containsExactly(
                new ScanError("powershell", POWERSHELL + ": timed out after 120 s before any section was finished", true));
        assertThat(inv.host().hostname()).isEqualTo("PC-FIN-0142");
        assertThat(inv.software()).isEmpty();
    }

    @Test
    void aFailingCommandRunnerMakesTheScanIncomplete() {
        when(runner.run(anyList(), any(), any(Duration.class)))
                .thenReturn(CommandResult.failed(POWERSHELL + ": cannot run: Access is denied"));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).filteredOn(ScanError::primary)
                .containsExactly(new ScanError("powershell", POWERSHELL + ": cannot run: Access is denied", true));
        // The host id's fallback is no inventory source: its failure alone would not make the scan incomplete.
        assertThat(inv.errors()).filteredOn(e -> !e.primary()).extracting(ScanError::source).containsExactly("host");
    }

    @Test
    void installedProgramsThatCannotBeReadMakeTheScanIncompleteOtherSectionsDoNot() {
        powerShellPrints(WindowsFixtures.output(WindowsFixtures.KES)
                .replace("### banwatch-section uninstall-machine\r\n", "### banwatch-error uninstall-machine\r\n")
                .replaceFirst("(### banwatch-error uninstall-machine\r\n)[^\r]*", "$1Requested registry access is not allowed.")
                .replace("### banwatch-section appx\r\n", "### banwatch-error appx\r\n")
                .replaceFirst("(### banwatch-error appx\r\n)[^\r]*", "$1Access is denied"));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).containsExactly(
                new ScanError("uninstall-machine", "Requested registry access is not allowed.", true),
                new ScanError("appx", "Access is denied", false));
        assertThat(inv.software()).isNotEmpty().extracting(s -> s.scope()).doesNotContain("machine");
    }

    @Test
    void aMalformedInstalledProgramsSectionIsAPrimaryError() {
        powerShellPrints(WindowsFixtures.withSection(WindowsFixtures.KES, "uninstall-machine", "[{\"DisplayName\":"));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).extracting(ScanError::source, ScanError::primary)
                .containsExactly(tuple("uninstall-machine", true));
    }

    @Test
    void aMalformedSectionIsAnErrorOfThatSectionOnly() {
        powerShellPrints(WindowsFixtures.withSection(WindowsFixtures.KES, "services", "[{\"Name\":\"AVP.KES.21.9\",\"State\":"));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).extracting(ScanError::source).containsExactly("services");
        assertThat(inv.errors().get(0).message()).startsWith("malformed JSON: ");
        assertThat(inv.observations()).noneMatch(e -> e.kind() == EvidenceKind.SERVICE);
        assertThat(inv.observations()).anyMatch(e -> e.kind() == EvidenceKind.DRIVER && e.name().equals("klif"));
        assertThat(inv.software()).extracting(s -> s.name()).contains("Kaspersky Endpoint Security for Windows");
    }

    @Test
    void aTruncatedOutputReportsEverySectionThatNeverCame() {
        String output = WindowsFixtures.output(WindowsFixtures.KES);
        powerShellPrints(output.substring(0, output.indexOf("### banwatch-section defender")));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).extracting(ScanError::source, ScanError::message).containsExactly(
                tuple("defender", "not in the inventory script's output"),
                tuple("defender-endpoint", "not in the inventory script's output"),
                tuple("services", "not in the inventory script's output"),
                tuple("drivers", "not in the inventory script's output"),
                tuple("kaspersky-registry", "not in the inventory script's output"),
                tuple("processes", "not in the inventory script's output"));
        assertThat(inv.securityProducts()).extracting(SecurityProduct::product, SecurityProduct::kind).containsExactly(
                tuple("Windows Defender", "antivirus"),
                tuple("Kaspersky Endpoint Security for Windows", "antivirus"),
                tuple("Kaspersky Endpoint Security for Windows", "firewall"));
        assertThat(inv.observations()).isEmpty();
    }

    @Test
    void aFailedHostSectionFallsBackToTheEnvironmentAndRegExe() {
        powerShellPrints(WindowsFixtures.output(WindowsFixtures.CLEAN).replace("### banwatch-section host\r\n",
                "### banwatch-error host\r\n").replaceFirst("\\{\"ComputerName\"[^\r]*", "Access denied "));
        regPrints(new CommandResult(0, "    MachineGuid    REG_SZ    " + CLEAN_GUID + "\r\n", "", null));

        Inventory inv = source(path -> false).read();

        assertThat(inv.errors()).containsExactly(new ScanError("host", "Access denied"));
        assertThat(inv.host().id()).isEqualTo(HostId.derive(CLEAN_GUID));
        assertThat(inv.host().os().name()).isNull();
        assertThat(inv.software()).hasSize(18);
    }

    @Test
    void probesOnlyWindowsPathsAndReportsThoseThatExist() {
        powerShellPrints(WindowsFixtures.output(WindowsFixtures.CLEAN));
        List<String> asked = new ArrayList<>();

        Inventory inv = source(path -> asked.add(path) && path.startsWith("C:\\ProgramData")).read();

        // Also the programs of the two stopped services set to start at boot (Edge's and Google's updaters), and no other.
        assertThat(asked).containsExactly("C:\\Program Files (x86)\\Microsoft\\EdgeUpdate\\MicrosoftEdgeUpdate.exe",
                "C:\\Program Files (x86)\\Google\\Update\\GoogleUpdate.exe",
                "C:\\Program Files (x86)\\Kaspersky Lab", "C:\\ProgramData\\Kaspersky Lab",
                "\\\\fileserver\\share\\Kaspersky Lab");
        assertThat(inv.observations()).filteredOn(e -> e.kind() == EvidenceKind.PATH).extracting(Evidence::name)
                .containsExactly("C:\\ProgramData\\Kaspersky Lab");
    }

    @Test
    void aPathCheckThatThrowsIsAnErrorOfThePathsSource() {
        powerShellPrints(WindowsFixtures.output(WindowsFixtures.CLEAN));

        Inventory inv = source(path -> {
            throw new SecurityException("access to " + path + " denied");
        }).read();

        assertThat(inv.errors()).containsExactly(new ScanError("paths", "access to C:\\Program Files (x86)\\Kaspersky Lab denied"));
    }

    @Test
    void onAServerDefenderComesFromGetMpComputerStatusAndItsAgeFromTheClock() {
        String healthyDefender = WindowsFixtures.json(WindowsFixtures.CLEAN, "defender");
        powerShellPrints(WindowsFixtures.withSection(WindowsFixtures.SERVER, "defender", healthyDefender));

        SecurityProduct today = defenderOf(source(path -> false).read());
        SecurityProduct monthLater = defenderOf(new WindowsInventorySource(runner, PROBES,
                Clock.offset(SCAN_DAY, Duration.ofDays(30)), env::get, path -> false).read());

        assertThat(today.product()).isEqualTo("Microsoft Defender Antivirus");
        assertThat(today.enabled()).isTrue();
        assertThat(today.upToDate()).isTrue();
        assertThat(today.signaturesUpdatedAt()).isEqualTo(Instant.parse("2025-03-11T01:52:18Z"));
        assertThat(monthLater.upToDate()).isFalse();
    }

    private static SecurityProduct defenderOf(Inventory inv) {
        return inv.securityProducts().stream().filter(p -> p.vendor().equals("Microsoft")).findFirst().orElseThrow();
    }
}
