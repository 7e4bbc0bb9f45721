package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.LocalDate;
import java.util.List;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class UninstallEntriesTest {
    private static final String ALICE = "user:S-1-5-21-1004336348-1177238915-682003330-1104";
    private static final String BOB = "user:S-1-5-21-1004336348-1177238915-682003330-1107";

    private static List<Software> machine(String fixture) {
        return UninstallEntries.parseMachine(json(fixture, "uninstall-machine"));
    }

    private static List<Software> users(String fixture) {
        return UninstallEntries.parseUsers(json(fixture, "uninstall-users"));
    }

    @Test
    void listsVisibleProgramsAndLeavesOutHiddenOnesAndKeysWithoutName() {
        // Left out: "Connection Manager" and {A7C4E2F1-...} have no DisplayName; the VC++ Minimum Runtime is SystemComponent=1.
        assertThat(machine(WindowsFixtures.CLEAN))
                .extracting(Software::name, Software::version, Software::publisher, Software::identifier, Software::installedOn)
                .containsExactly(
                        tuple("7-Zip 24.08 (x64)", "24.08", "Igor Pavlov", "7-Zip", null),
                        tuple("Microsoft 365 Apps for enterprise - en-us", "16.0.18129.20158", "Microsoft Corporation",
                                "O365ProPlusRetail - en-us", null),
                        tuple("Microsoft Update Health Tools", "5.72.0.0", "Microsoft Corporation",
                                "{6A2A8076-135F-4F55-BB02-DED67C8C6934}", LocalDate.of(2024, 9, 16)),
                        tuple("Google Chrome", "131.0.6778.86", "Google LLC", "Google Chrome", LocalDate.of(2024, 11, 20)),
                        tuple("Microsoft Edge", "131.0.2903.70", "Microsoft Corporation", "Microsoft Edge",
                                LocalDate.of(2024, 11, 22)),
                        tuple("Microsoft Edge WebView2 Runtime", "131.0.2903.70", "Microsoft Corporation",
                                "Microsoft EdgeWebView", LocalDate.of(2024, 11, 22)),
                        tuple("Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33816", "14.40.33816.0",
                                "Microsoft Corporation", "{3B8F2A1C-7E4D-4F60-9C25-8D1A6B0E4F37}", null));
        assertThat(machine(WindowsFixtures.CLEAN)).allSatisfy(s -> {
            assertThat(s.source()).isEqualTo("windows-uninstall");
            assertThat(s.scope()).isEqualTo("machine");
        });
    }

    @Test
    void scopesPerUserProgramsByTheirOwnersSidAlsoForHivesTheScriptLoaded() {
        // Bob's hive was loaded by the script as HKU\banwatch_<SID>; his entry is still his.
        assertThat(users(WindowsFixtures.CLEAN))
                .extracting(Software::name, Software::version, Software::scope, Software::identifier, Software::location)
                .containsExactly(
                        tuple("Microsoft OneDrive", "24.216.1027.0001", ALICE, "OneDriveSetup.exe", null),
                        tuple("Microsoft Teams classic", "1.7.00.13456", ALICE, "Teams",
                                "C:\\Users\\alice.moreau\\AppData\\Local\\Microsoft\\Teams"),
                        tuple("Microsoft Visual Studio Code (User)", "1.95.3", ALICE, "{771FD6B0-FA20-440A-A002-3B3BAC16DC50}_is1",
                                "C:\\Users\\alice.moreau\\AppData\\Local\\Programs\\Microsoft VS Code\\"),
                        tuple("Microsoft Visual Studio Code (User)", "1.92.2", BOB, "{771FD6B0-FA20-440A-A002-3B3BAC16DC50}_is1",
                                "C:\\Users\\bob.nguyen\\AppData\\Local\\Programs\\Microsoft VS Code\\"));
    }

    @Test
    void readsKasperskyEndpointSecurityAndTheNetworkAgentFromTheWow64View() {
        assertThat(machine(WindowsFixtures.KES))
                .extracting(Software::name, Software::version, Software::publisher, Software::identifier)
                .containsExactly(
                        tuple("7-Zip 23.01 (x64)", "23.01", "Igor Pavlov", "7-Zip"),
                        tuple("Mozilla Firefox ESR (x64 en-US)", "128.5.1", "Mozilla", "Mozilla Firefox 128.5.1 ESR (x64 en-US)"),
                        tuple("Microsoft Update Health Tools", "5.72.0.0", "Microsoft Corporation", "{6A2A8076-135F-4F55-BB02-DED67C8C6934}"),
                        tuple("Google Chrome", "131.0.6778.86", "Google LLC", "Google Chrome"),
                        tuple("Microsoft Edge", "131.0.2903.70", "Microsoft Corporation", "Microsoft Edge"),
                        tuple("Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33816", "14.40.33816.0",
                                "Microsoft Corporation", "{3B8F2A1C-7E4D-4F60-9C25-8D1A6B0E4F37}"),
                        tuple("Kaspersky Endpoint Security for Windows", "12.6.0.438", "AO Kaspersky Lab",
                                "{9A017278-F7F4-4DF9-A482-0B97B70DD7ED}"),
                        tuple("Kaspersky Security Center Network Agent", "14.0.0.10902", "AO Kaspersky Lab",
                                "{B9518725-0B76-4793-A409-C6794442FCE8}"));
        Software kes = machine(WindowsFixtures.KES).get(6);
        assertThat(kes.installedOn()).isEqualTo(LocalDate.of(2024, 9, 17));
        assertThat(kes.location()).isEqualTo("C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\");
        assertThat(users(WindowsFixtures.KES)).extracting(Software::name, Software::scope)
                .containsExactly(tuple("Microsoft OneDrive", "user:S-1-5-21-2310947521-3884120673-1529071163-2218"));
    }

    @Test
    void keepsCyrillicNamesAndPublishersWithTheirQuotes() {
        assertThat(machine(WindowsFixtures.KES_RUSSIAN))
                .extracting(Software::name, Software::version, Software::publisher, Software::installedOn)
                .containsExactly(
                        tuple("7-Zip 23.01 (x64)", "23.01", "Igor Pavlov", null),
                        tuple("Microsoft Update Health Tools", "5.72.0.0", "Microsoft Corporation", LocalDate.of(2024, 9, 16)),
                        tuple("1С:Предприятие 8 (8.3.24.1467)", "8.3.24.1467", "1С-Софт", LocalDate.of(2024, 3, 4)),
                        tuple("Microsoft Edge", "131.0.2903.70", "Корпорация Майкрософт", LocalDate.of(2024, 11, 22)),
                        tuple("Среда выполнения Microsoft Edge WebView2 Runtime", "131.0.2903.70", "Корпорация Майкрософт",
                                LocalDate.of(2024, 11, 22)),
                        tuple("Kaspersky Endpoint Security для Windows", "12.6.0.438", "АО \"Лаборатория Касперского\"",
                                LocalDate.of(2024, 7, 22)),
                        tuple("Агент администрирования Kaspersky Security Center", "14.0.0.10902", "\"Лаборатория Касперского\"",
                                LocalDate.of(2023, 2, 15)));
        assertThat(users(WindowsFixtures.KES_RUSSIAN))
                .extracting(Software::name, Software::publisher, Software::scope)
                .containsExactly(
                        tuple("Yandex", "Yandex", "user:S-1-5-21-3656473312-1925476590-2409714872-1113"),
                        tuple("Кнопка \"Яндекс\" на панели задач", "Яндекс", "user:S-1-5-21-3656473312-1925476590-2409714872-1113"));
    }

    @Test
    void networkAgentOnlyHasTheAgentAndNoPerUserPrograms() {
        assertThat(machine(WindowsFixtures.NETWORK_AGENT)).extracting(Software::name).containsExactly(
                "7-Zip 24.08 (x64)", "Microsoft 365 Apps for enterprise - en-us", "Microsoft Update Health Tools",
                "Google Chrome", "Microsoft Edge", "Microsoft Edge WebView2 Runtime",
                "Kaspersky Security Center Network Agent");
        assertThat(users(WindowsFixtures.NETWORK_AGENT)).isEmpty();
    }

    @Test
    void remnantsLeaveNoUninstallEntry() {
        assertThat(machine(WindowsFixtures.REMNANTS)).extracting(Software::name).containsExactly(
                "7-Zip 24.08 (x64)", "Microsoft 365 Apps for enterprise - en-us", "Microsoft Update Health Tools",
                "Google Chrome", "Microsoft Edge", "Microsoft Edge WebView2 Runtime");
        assertThat(users(WindowsFixtures.REMNANTS)).extracting(Software::name).containsExactly("Microsoft OneDrive");
    }

    @Test
    void ultraAvReplacedKasperskyOnTheDayOfTheSwitchAndEscapedApostrophesAreDecoded() {
        assertThat(machine(WindowsFixtures.ULTRAAV))
                .extracting(Software::name, Software::version, Software::publisher, Software::installedOn)
                .containsExactly(
                        tuple("UltraAV", "1.2.0.215", "Pango Inc.", LocalDate.of(2024, 9, 19)),
                        tuple("Google Chrome", "131.0.6778.86", "Google LLC", LocalDate.of(2024, 11, 20)),
                        tuple("Microsoft Edge", "131.0.2903.70", "Microsoft Corporation", LocalDate.of(2024, 11, 22)),
                        tuple("Microsoft Edge WebView2 Runtime", "131.0.2903.70", "Microsoft Corporation", LocalDate.of(2024, 11, 22)),
                        tuple("Steam", "2.10.91.91", "Valve Corporation", null),
                        tuple("Tom Clancy's Rainbow Six Siege", null, "Ubisoft Montreal", null),
                        tuple("UltraVPN", "1.0.4.118", "Pango Inc.", LocalDate.of(2024, 9, 19)));
        assertThat(users(WindowsFixtures.ULTRAAV)).extracting(Software::name).containsExactly("Discord", "Spotify");
    }

    @Test
    void readsTheServerProductsOfKasperskySecurityForWindowsServer() {
        assertThat(machine(WindowsFixtures.SERVER))
                .extracting(Software::name, Software::version, Software::identifier)
                .containsExactly(
                        tuple("Notepad++ (64-bit x64)", "8.6.9", "Notepad++"),
                        tuple("VMware Tools", "12.4.5.23787635", "{7D3F2C10-5A8B-4E6F-9C21-B4E8A0D6F315}"),
                        tuple("Kaspersky Security 11.0.1 for Windows Server", "11.0.1.897", "{1D5C3E2A-6B4F-4A81-9E07-C8F2B6D4A193}"),
                        tuple("Kaspersky Security 11 for Windows Server Administration Tools", "11.0.1.897",
                                "{6F0B8D4C-2E1A-4C73-B5D9-0A3E7F1C8B42}"),
                        tuple("Kaspersky Security Center Network Agent", "14.0.0.10902", "{B9518725-0B76-4793-A409-C6794442FCE8}"));
        assertThat(users(WindowsFixtures.SERVER)).isEmpty();
    }

    @Test
    void decoysKeepTheirOwnNamesAndOfficeUpdatesAndHiddenProductKeysAreLeftOut() {
        assertThat(machine(WindowsFixtures.DECOYS))
                .extracting(Software::name, Software::publisher, Software::identifier)
                .containsExactly(
                        tuple("7-Zip 24.08 (x64)", "Igor Pavlov", "7-Zip"),
                        tuple("AT&T Global Network Client", "AT&T Services, Inc.", "AT&T Global Network Client"),
                        tuple("CASPER 11", "Future Systems Solutions, Inc.", "CASPER 11"),
                        tuple("KasperTech Tools", "KasperTech", "KasperTech Tools"),
                        tuple("Microsoft Office Professional Plus 2016", "Microsoft Corporation", "Office16.PROPLUS"),
                        tuple("Google Chrome", "Google LLC", "Google Chrome"),
                        tuple("Microsoft Edge", "Microsoft Corporation", "Microsoft Edge"),
                        tuple("Microsoft Edge WebView2 Runtime", "Microsoft Corporation", "Microsoft EdgeWebView"));
        assertThat(users(WindowsFixtures.DECOYS)).extracting(Software::name, Software::publisher, Software::scope)
                .containsExactly(tuple("Kaspa Wallet", "Kaspa", "user:S-1-5-21-1004336348-1177238915-682003330-2051"));
    }

    @Test
    void aSingleEntryPrintedAsAnObjectIsOneProgram() {
        assertThat(machine(WindowsFixtures.SINGLE_OBJECTS)).extracting(Software::name, Software::identifier)
                .containsExactly(tuple("VMware Tools", "{7D3F2C10-5A8B-4E6F-9C21-B4E8A0D6F315}"));
        assertThat(users(WindowsFixtures.SINGLE_OBJECTS)).extracting(Software::name, Software::scope)
                .containsExactly(tuple("Microsoft OneDrive", "user:S-1-5-21-4087213395-2938471120-1650349283-1001"));
    }

    @ParameterizedTest
    @CsvSource({"20240919, 2024-09-19", "19991231, 1999-12-31", "2024-09-19,", "9/19/2024,", "20241350,", "20230229,",
            "2024091,", "garbage,"})
    void installDatesAreYyyyMmDdAndAnythingElseIsUnknown(String text, LocalDate expected) {
        assertThat(UninstallEntries.installDate(text)).isEqualTo(expected);
    }

    @Test
    void aMalformedEntryIsSkippedAndTheOthersKept() {
        String json = "[42, \"text\", null, {\"DisplayName\":{\"nested\":1}},"
                + "{\"PSChildName\":\"k\",\"DisplayName\":\"  Good  \",\"DisplayVersion\":1.5,\"SystemComponent\":\"0\","
                + "\"InstallDate\":\"not a date\"},"
                + "{\"DisplayName\":\"Hidden\",\"SystemComponent\":\"1\"}]";

        assertThat(UninstallEntries.parseMachine(json))
                .extracting(Software::name, Software::version, Software::identifier, Software::installedOn)
                .containsExactly(tuple("Good", "1.5", "k", null));
    }

    @Test
    void aPerUserEntryWithoutSidTakesItFromItsRegistryPath() {
        String json = "{\"PSPath\":\"Microsoft.PowerShell.Core\\\\Registry::HKEY_USERS\\\\banwatch_S-1-5-21-1-2-3-1001"
                + "\\\\Software\\\\Microsoft\\\\Windows\\\\CurrentVersion\\\\Uninstall\\\\App\",\"DisplayName\":\"App\"}";

        assertThat(UninstallEntries.parseUsers(json)).extracting(Software::scope).containsExactly("user:S-1-5-21-1-2-3-1001");
        assertThat(UninstallEntries.parseUsers("{\"DisplayName\":\"Orphan\"}")).extracting(Software::scope)
                .containsExactly("user:unknown");
    }

    @Test
    void textThatIsNotJsonFailsTheWholeSection() {
        assertThatThrownBy(() -> UninstallEntries.parseMachine("[{\"DisplayName\":\"cut off"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("malformed JSON: ");
        assertThatThrownBy(() -> UninstallEntries.parseMachine("\"just a string\""))
                .hasMessage("malformed JSON: expected an object or an array, got STRING");
        assertThat(UninstallEntries.parseMachine("")).isEmpty();
    }
}
