package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** db.plist, the systemextensionsctl text, and the reader that picks one. */
class SystemExtensionsTest {
    private static final String KAV_SYSEXT = "/Applications/Kaspersky Anti-Virus For Mac.app/Contents/Library/"
            + "SystemExtensions/com.kaspersky.kav.sysext.systemextension";

    @TempDir
    Path root;

    private final CommandRunner runner = mock(CommandRunner.class);
    private final MacFixtures.Problems problems = new MacFixtures.Problems();

    @Test
    void readsKasperskysExtensionFromDbPlist() {
        assertThat(SystemExtensionsDb.parse(MacFixtures.plist("kav-for-mac", "Library/SystemExtensions/db.plist")))
                .containsExactly(new SystemExtension("com.kaspersky.kav.sysext", "2Y8XE5CQ94", "activated_enabled", KAV_SYSEXT));
    }

    @Test
    void skipsAwkwardDbRowsAndKeepsTheRest() {
        assertThat(SystemExtensionsDb.parse(MacFixtures.plist("broken", "Library/SystemExtensions/db.plist")))
                .extracting(SystemExtension::identifier, SystemExtension::teamId, SystemExtension::state)
                .containsExactly(
                        tuple("com.example.orphaned", "ABCDE12345", "terminated_waiting_to_uninstall_on_reboot"),
                        tuple("com.example.noteam", null, "activated_waiting_for_user"),
                        tuple("com.example.noversion", "ABCDE12345", "activated_enabled"));
    }

    @Test
    void anEmptyDbHasNoExtensions() {
        assertThat(SystemExtensionsDb.parse(MacFixtures.plist("kaspersky-remnants", "Library/SystemExtensions/db.plist")))
                .isEmpty();
    }

    @Test
    void parsesTheListOfMacOs15OnceForEachExtension() {
        assertThat(SystemExtensionsList.parse(MacFixtures.text("kav-for-mac/commands/systemextensionsctl-list.txt")))
                .containsExactly(new SystemExtension("com.kaspersky.kav.sysext", "2Y8XE5CQ94", "activated_enabled", null));
    }

    @Test
    void parsesNestedParenthesesBlankColumnsAndBlankLines() {
        assertThat(SystemExtensionsList.parse(MacFixtures.text("broken/commands/systemextensionsctl-list.txt")))
                .containsExactly(
                        new SystemExtension("com.example.orphaned", "ABCDE12345", "terminated_waiting_to_uninstall_on_reboot", null),
                        new SystemExtension("com.example.noversion", "ABCDE12345", "activated_enabled", null),
                        new SystemExtension("com.example.noteam", null, "activated_waiting_for_user", null));
    }

    @Test
    void skipsACategoryArgumentLineAndAnEmptyMachine() {
        String output = "Category: com.apple.system_extension.network_extension\n"
                + "1 extension(s)\n--- com.apple.system_extension.network_extension\n"
                + "enabled\tactive\tteamID\tbundleID (version)\tname\t[state]\n"
                + "*\t*\tX9E956P446\tcom.crowdstrike.falcon.Agent (7.30/202.02)\tFalcon Sensor\t[activated enabled]\n";
        assertThat(SystemExtensionsList.parse(output)).extracting(SystemExtension::identifier)
                .containsExactly("com.crowdstrike.falcon.Agent");
        assertThat(SystemExtensionsList.parse("0 extension(s)\n")).isEmpty();
        assertThat(SystemExtensionsList.parse("")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"clean-sonoma", "kav-for-mac", "kes-mac-with-agent", "kaspersky-remnants", "ultraav-mac",
            "decoys", "broken"})
    void theListOfEachScenarioTellsWhatItsDbTells(String scenario) {
        List<SystemExtension> fromDb = SystemExtensionsDb.parse(MacFixtures.plist(scenario, "Library/SystemExtensions/db.plist"));
        List<SystemExtension> fromList = SystemExtensionsList.parse(MacFixtures.text(scenario + "/commands/systemextensionsctl-list.txt"));
        assertThat(fromList).containsExactlyInAnyOrderElementsOf(
                fromDb.stream().map(e -> new SystemExtension(e.identifier(), e.teamId(), e.state(), null)).toList());
    }

    @Test
    void theDetailAlwaysNamesTheTeamAndTheState() {
        assertThat(new SystemExtension("a", "2Y8XE5CQ94", "activated_enabled", null).toEvidence("x"))
                .isEqualTo(new Evidence(EvidenceKind.SYSTEM_EXTENSION, "x", "a", null, "teamID=2Y8XE5CQ94 state=activated_enabled"));
        assertThat(new SystemExtension("a", null, " ", null).toEvidence("x").detail()).isEqualTo("teamID=- state=-");
    }

    @Test
    void aReadableDbIsReadWithoutRunningAnything() {
        List<Evidence> found = SystemExtensions.read(new MacRoot(MacFixtures.scenario("kav-for-mac")), true, runner, problems);
        assertThat(found).containsExactly(new Evidence(EvidenceKind.SYSTEM_EXTENSION, "systemextensions",
                "com.kaspersky.kav.sysext", KAV_SYSEXT, "teamID=2Y8XE5CQ94 state=activated_enabled"));
        verifyNoInteractions(runner);
    }

    @Test
    void aLiveScanFallsBackToSystemextensionsctlWhenDbPlistIsUnreadable() {
        Path mac = MacFixtures.copy("kav-for-mac", root);
        Fixtures.write(mac, "Library/SystemExtensions/db.plist", "");
        when(runner.run(eq(List.of("/usr/bin/systemextensionsctl", "list")), isNull(), any(Duration.class)))
                .thenReturn(new CommandResult(0, MacFixtures.text("kav-for-mac/commands/systemextensionsctl-list.txt"), "", null));

        assertThat(SystemExtensions.read(new MacRoot(mac), true, runner, problems))
                .containsExactly(new Evidence(EvidenceKind.SYSTEM_EXTENSION, "systemextensionsctl",
                        "com.kaspersky.kav.sysext", null, "teamID=2Y8XE5CQ94 state=activated_enabled"));
        assertThat(problems.list()).isEmpty();
        verify(runner).run(List.of("/usr/bin/systemextensionsctl", "list"), null, Duration.ofSeconds(15));
    }

    @Test
    void aLiveScanWhoseFallbackFailsReportsBothReasons() {
        Path mac = MacFixtures.copy("kav-for-mac", root);
        Fixtures.write(mac, "Library/SystemExtensions/db.plist", "");
        when(runner.run(any(), isNull(), any(Duration.class)))
                .thenReturn(CommandResult.failed("/usr/bin/systemextensionsctl: timed out after 15 s"));

        assertThat(SystemExtensions.read(new MacRoot(mac), true, runner, problems)).isEmpty();
        assertThat(problems.list()).containsExactly("/Library/SystemExtensions/db.plist: empty file; "
                + "systemextensionsctl list: /usr/bin/systemextensionsctl: timed out after 15 s");
    }

    @Test
    void anOfflineScanReportsAnUnreadableDbAndRunsNothing() {
        Path mac = MacFixtures.copy("kav-for-mac", root);
        Fixtures.write(mac, "Library/SystemExtensions/db.plist", "");
        assertThat(SystemExtensions.read(new MacRoot(mac), false, runner, problems)).isEmpty();
        assertThat(problems.list()).containsExactly("/Library/SystemExtensions/db.plist: empty file");
        verifyNoInteractions(runner);
    }

    @Test
    void anImageWithoutDbPlistHasNoExtensionsAndNoProblem() {
        assertThat(SystemExtensions.read(new MacRoot(root), false, runner, problems)).isEmpty();
        assertThat(problems.list()).isEmpty();
        verifyNoInteractions(runner);
    }
}
