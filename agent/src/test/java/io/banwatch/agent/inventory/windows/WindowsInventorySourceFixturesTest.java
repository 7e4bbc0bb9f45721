package io.banwatch.agent.inventory.windows;

import io.banwatch.agent.inventory.RecordedCommands;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Inventory;
import io.banwatch.model.ScanError;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/** The whole collector on each recorded machine, PowerShell replaced by the recording it printed. */
class WindowsInventorySourceFixturesTest {
    private static final Map<String, String> ENV = Map.of("SystemRoot", "C:\\WINDOWS");

    static Inventory collect(String fixture) {
        RecordedCommands commands = new RecordedCommands().prints(List.of(
                "C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
                "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-Command", "-"), "windows/" + fixture + ".txt");
        return new WindowsInventorySource(commands, List.of("C:\\Program Files (x86)\\Kaspersky Lab"), WindowsInventorySourceTest.SCAN_DAY,
                ENV::get, path -> false).read();
    }

    /** "source scope | name | version", one line per program, in the order the collector lists them. */
    private static List<String> software(Inventory inv) {
        return inv.software().stream()
                .map(s -> s.source() + " " + s.scope().replace("user:S-1-5-21-", "user:…") + " | " + s.name() + " | " + s.version())
                .toList();
    }

    /** "source scope | name | version | publisher", one line per program, in the order the collector lists them. */
    private static List<String> programs(Inventory inv) {
        return inv.software().stream().map(s -> s.source() + " " + s.scope().replace("user:S-1-5-21-", "user:…") + " | "
                + s.name() + " | " + s.version() + " | " + s.publisher()).toList();
    }

    private static List<String> products(Inventory inv) {
        return inv.securityProducts().stream()
                .map(p -> p.vendor() + " | " + p.product() + " | " + p.kind() + " | enabled=" + p.enabled()
                        + " | upToDate=" + p.upToDate() + " | signatures=" + p.signaturesUpdatedAt())
                .toList();
    }

    private static Map<EvidenceKind, Long> observationCounts(Inventory inv) {
        return inv.observations().stream()
                .collect(Collectors.groupingBy(Evidence::kind, LinkedHashMap::new, Collectors.counting()));
    }

    private static List<String> observed(Inventory inv, EvidenceKind kind) {
        return inv.observations().stream().filter(e -> e.kind() == kind).map(Evidence::name).toList();
    }

    @Test
    void cleanWindows11() {
        Inventory inv = collect(WindowsFixtures.CLEAN);

        assertThat(software(inv)).containsExactly(
                "windows-uninstall machine | 7-Zip 24.08 (x64) | 24.08",
                "windows-uninstall machine | Microsoft 365 Apps for enterprise - en-us | 16.0.18129.20158",
                "windows-uninstall machine | Microsoft Update Health Tools | 5.72.0.0",
                "windows-uninstall machine | Google Chrome | 131.0.6778.86",
                "windows-uninstall machine | Microsoft Edge | 131.0.2903.70",
                "windows-uninstall machine | Microsoft Edge WebView2 Runtime | 131.0.2903.70",
                "windows-uninstall machine | Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33816 | 14.40.33816.0",
                "windows-uninstall user:…1004336348-1177238915-682003330-1104 | Microsoft OneDrive | 24.216.1027.0001",
                "windows-uninstall user:…1004336348-1177238915-682003330-1104 | Microsoft Teams classic | 1.7.00.13456",
                "windows-uninstall user:…1004336348-1177238915-682003330-1104 | Microsoft Visual Studio Code (User) | 1.95.3",
                "windows-uninstall user:…1004336348-1177238915-682003330-1107 | Microsoft Visual Studio Code (User) | 1.92.2",
                "windows-store machine | Microsoft.Windows.ShellExperienceHost | 10.0.22621.4541",
                "windows-store machine | Microsoft.Windows.StartMenuExperienceHost | 10.0.22621.4541",
                "windows-store machine | Microsoft.SecHealthUI | 1000.27703.1006.0",
                "windows-store machine | Microsoft.WindowsCalculator | 11.2409.0.0",
                "windows-store machine | Microsoft.WindowsNotepad | 11.2410.21.0",
                "windows-store machine | Microsoft.WindowsStore | 22410.1401.5.0",
                "windows-store machine | MSTeams | 24295.605.3225.8804");
        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=true | upToDate=true | signatures=null");
        assertThat(observationCounts(inv)).containsExactly(entry(EvidenceKind.SERVICE, 24L), entry(EvidenceKind.DRIVER, 8L),
                entry(EvidenceKind.PROCESS, 19L));
        assertThat(inv.errors()).isEmpty();
        assertThat(inv.host().hostname()).isEqualTo("PC-FIN-0142");
    }

    @ParameterizedTest
    @CsvSource({
            "kes12-with-agent, Kaspersky Endpoint Security for Windows, 2025-03-11T06:58:41Z, 24, 19",
            "kes-russian,      Kaspersky Endpoint Security для Windows, 2025-03-11T05:12:09Z, 25, 20"})
    void kasperskyEndpointSecurityIsAnAntivirusAndAFirewallDatedByItsRegistry(String fixture, String registeredAs,
                                                                               String signatures, long services, long processes) {
        Inventory inv = collect(fixture);

        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=false | upToDate=true | signatures=null",
                "Kaspersky | " + registeredAs + " | antivirus | enabled=true | upToDate=true | signatures=" + signatures,
                "Kaspersky | " + registeredAs + " | firewall | enabled=true | upToDate=true | signatures=null");
        assertThat(observationCounts(inv)).containsExactly(entry(EvidenceKind.SERVICE, services), entry(EvidenceKind.DRIVER, 21L),
                entry(EvidenceKind.REGISTRY_KEY, 4L), entry(EvidenceKind.PROCESS, processes));
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void kasperskyEndpointSecurityWithTheNetworkAgent() {
        Inventory inv = collect(WindowsFixtures.KES);

        assertThat(inv.software()).extracting(Software::name).containsExactly("7-Zip 23.01 (x64)",
                "Mozilla Firefox ESR (x64 en-US)", "Microsoft Update Health Tools", "Google Chrome", "Microsoft Edge",
                "Microsoft Visual C++ 2015-2022 Redistributable (x64) - 14.40.33816", "Kaspersky Endpoint Security for Windows",
                "Kaspersky Security Center Network Agent", "Microsoft OneDrive", "Microsoft.Windows.ShellExperienceHost",
                "Microsoft.WindowsCalculator", "Microsoft.WindowsStore");
        assertThat(observed(inv, EvidenceKind.REGISTRY_KEY)).containsExactly("HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab",
                "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\Components", "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected",
                "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES");
    }

    @Test
    void russianKasperskyEndpointSecurity() {
        Inventory inv = collect(WindowsFixtures.KES_RUSSIAN);

        // Publishers keep their straight double quotes, as the Russian installers write them.
        assertThat(programs(inv)).containsExactly(
                "windows-uninstall machine | 7-Zip 23.01 (x64) | 23.01 | Igor Pavlov",
                "windows-uninstall machine | Microsoft Update Health Tools | 5.72.0.0 | Microsoft Corporation",
                "windows-uninstall machine | 1С:Предприятие 8 (8.3.24.1467) | 8.3.24.1467 | 1С-Софт",
                "windows-uninstall machine | Microsoft Edge | 131.0.2903.70 | Корпорация Майкрософт",
                "windows-uninstall machine | Среда выполнения Microsoft Edge WebView2 Runtime | 131.0.2903.70 | Корпорация Майкрософт",
                "windows-uninstall machine | Kaspersky Endpoint Security для Windows | 12.6.0.438 | АО \"Лаборатория Касперского\"",
                "windows-uninstall machine | Агент администрирования Kaspersky Security Center | 14.0.0.10902 | \"Лаборатория Касперского\"",
                "windows-uninstall user:…3656473312-1925476590-2409714872-1113 | Yandex | 24.10.1.669 | Yandex",
                "windows-uninstall user:…3656473312-1925476590-2409714872-1113 | Кнопка \"Яндекс\" на панели задач | 2.2.2.50 | Яндекс",
                "windows-store machine | Microsoft.Windows.ShellExperienceHost | 10.0.19041.4355 | Microsoft Windows",
                "windows-store machine | Microsoft.WindowsCalculator | 11.2210.0.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsStore | 22410.1401.5.0 | Microsoft Corporation");
        assertThat(inv.host().os().name()).isEqualTo("Майкрософт Windows 10 Pro");
    }

    @Test
    void networkAgentOnly() {
        Inventory inv = collect(WindowsFixtures.NETWORK_AGENT);

        assertThat(programs(inv)).containsExactly(
                "windows-uninstall machine | 7-Zip 24.08 (x64) | 24.08 | Igor Pavlov",
                "windows-uninstall machine | Microsoft 365 Apps for enterprise - en-us | 16.0.17928.20336 | Microsoft Corporation",
                "windows-uninstall machine | Microsoft Update Health Tools | 5.72.0.0 | Microsoft Corporation",
                "windows-uninstall machine | Google Chrome | 131.0.6778.86 | Google LLC",
                "windows-uninstall machine | Microsoft Edge | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall machine | Microsoft Edge WebView2 Runtime | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall machine | Kaspersky Security Center Network Agent | 14.0.0.10902 | AO Kaspersky Lab",
                "windows-store machine | Microsoft.Windows.ShellExperienceHost | 10.0.19041.4355 | Microsoft Windows",
                "windows-store machine | Microsoft.WindowsCalculator | 11.2210.0.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsStore | 22410.1401.5.0 | Microsoft Corporation");
        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=true | upToDate=true | signatures=null");
        assertThat(observed(inv, EvidenceKind.REGISTRY_KEY)).containsExactly("HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab",
                "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\Components");
        assertThat(observed(inv, EvidenceKind.SERVICE)).contains("klnagent").hasSize(23);
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void kasperskyRemnants() {
        Inventory inv = collect(WindowsFixtures.REMNANTS);

        assertThat(programs(inv)).containsExactly(
                "windows-uninstall machine | 7-Zip 24.08 (x64) | 24.08 | Igor Pavlov",
                "windows-uninstall machine | Microsoft 365 Apps for enterprise - en-us | 16.0.18129.20158 | Microsoft Corporation",
                "windows-uninstall machine | Microsoft Update Health Tools | 5.72.0.0 | Microsoft Corporation",
                "windows-uninstall machine | Google Chrome | 131.0.6778.86 | Google LLC",
                "windows-uninstall machine | Microsoft Edge | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall machine | Microsoft Edge WebView2 Runtime | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall user:…1004336348-1177238915-682003330-1311 | Microsoft OneDrive | 24.216.1027.0001 | Microsoft Corporation",
                "windows-store machine | Microsoft.Windows.ShellExperienceHost | 10.0.22621.4541 | Microsoft Windows",
                "windows-store machine | Microsoft.Windows.StartMenuExperienceHost | 10.0.22621.4541 | Microsoft Windows",
                "windows-store machine | Microsoft.SecHealthUI | 1000.27703.1006.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsCalculator | 11.2409.0.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsNotepad | 11.2410.21.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsStore | 22410.1401.5.0 | Microsoft Corporation");
        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=true | upToDate=true | signatures=null",
                "Kaspersky | Kaspersky Endpoint Security for Windows | antivirus | enabled=null | upToDate=null"
                        + " | signatures=2024-09-25T16:03:27Z");
        assertThat(observed(inv, EvidenceKind.REGISTRY_KEY)).hasSize(4);
        assertThat(inv.observations()).filteredOn(e -> e.name().startsWith("AVP") || e.name().startsWith("kl"))
                .extracting(Evidence::kind, Evidence::name, Evidence::detail)
                .containsExactly(
                        // Set to start at boot, but its program is gone (this collect finds no file at all).
                        tuple(EvidenceKind.SERVICE, "AVP.KES.21.9", "Stopped Auto, program missing"),
                        tuple(EvidenceKind.DRIVER, "klif", "Stopped System"),
                        tuple(EvidenceKind.DRIVER, "klmouflt", "Stopped Manual"));
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void kasperskyRemnantsWithDefendersRealTimeProtectionOff() {
        Inventory inv = collect(WindowsFixtures.REMNANTS_DEFENDER_OFF);

        // Security Center says off (393472 = 0x60100) and Get-MpComputerStatus says real-time protection is off.
        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=false | upToDate=true | signatures=null",
                "Kaspersky | Kaspersky Endpoint Security for Windows | antivirus | enabled=null | upToDate=null"
                        + " | signatures=2024-09-25T16:03:27Z");
        assertThat(programs(inv)).isEqualTo(programs(collect(WindowsFixtures.REMNANTS)));
        assertThat(inv.host().hostname()).isEqualTo("PC-HR-0093");
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void ultraAvAfterTheSeptember2024Switch() {
        Inventory inv = collect(WindowsFixtures.ULTRAAV);

        // The \u0027 escape in the recording is an apostrophe again; the game has no DisplayVersion.
        assertThat(programs(inv)).containsExactly(
                "windows-uninstall machine | UltraAV | 1.2.0.215 | Pango Inc.",
                "windows-uninstall machine | Google Chrome | 131.0.6778.86 | Google LLC",
                "windows-uninstall machine | Microsoft Edge | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall machine | Microsoft Edge WebView2 Runtime | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall machine | Steam | 2.10.91.91 | Valve Corporation",
                "windows-uninstall machine | Tom Clancy's Rainbow Six Siege | null | Ubisoft Montreal",
                "windows-uninstall machine | UltraVPN | 1.0.4.118 | Pango Inc.",
                "windows-uninstall user:…2770913365-1427816320-3805216789-1001 | Discord | 1.0.9175 | Discord Inc.",
                "windows-uninstall user:…2770913365-1427816320-3805216789-1001 | Spotify | 1.2.52.442.g01893f28 | Spotify AB",
                "windows-store machine | Microsoft.Windows.ShellExperienceHost | 10.0.22621.4541 | Microsoft Windows",
                "windows-store machine | Microsoft.Windows.StartMenuExperienceHost | 10.0.22621.4541 | Microsoft Windows",
                "windows-store machine | Microsoft.SecHealthUI | 1000.27703.1006.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsCalculator | 11.2409.0.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsNotepad | 11.2410.21.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsStore | 22410.1401.5.0 | Microsoft Corporation");
        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=false | upToDate=true | signatures=null",
                "unknown | UltraAV | antivirus | enabled=true | upToDate=true | signatures=null",
                "Kaspersky | Kaspersky Standard | antivirus | enabled=null | upToDate=null | signatures=2024-09-18T23:47:12Z");
        assertThat(inv.errors()).containsExactly(
                new ScanError("defender", "A general error occurred that is not covered by a more specific error code."));
    }

    @Test
    void windowsServer2019WithKasperskySecurityForWindowsServer() {
        Inventory inv = collect(WindowsFixtures.SERVER);

        assertThat(inv.software()).extracting(Software::name).containsExactly("Notepad++ (64-bit x64)", "VMware Tools",
                "Kaspersky Security 11.0.1 for Windows Server", "Kaspersky Security 11 for Windows Server Administration Tools",
                "Kaspersky Security Center Network Agent", "Microsoft.Windows.ShellExperienceHost", "Microsoft.Windows.Cortana",
                "windows.immersivecontrolpanel");
        // No Security Center on a server; Get-MpComputerStatus is gone with the Defender feature; the registry names no product.
        assertThat(inv.securityProducts()).isEmpty();
        assertThat(inv.errors()).extracting(ScanError::source, ScanError::message).containsExactly(
                tuple("wsc-antivirus", "Invalid namespace"),
                tuple("wsc-antispyware", "Invalid namespace"),
                tuple("wsc-firewall", "Invalid namespace"),
                tuple("defender", "The term 'Get-MpComputerStatus' is not recognized as the name"
                        + " of a cmdlet, function, script file, or operable program. Check the spelling of the name, or if a"
                        + " path was included, verify that the path is correct and try again."));
        assertThat(observed(inv, EvidenceKind.PROCESS)).filteredOn(name -> name.startsWith("kav"))
                .containsExactly("kavfs", "kavfsgt", "kavfswp");
    }

    @Test
    void decoys() {
        Inventory inv = collect(WindowsFixtures.DECOYS);

        // The Office MSI's hidden product key and its update entry (ParentKeyName) are not programs.
        assertThat(programs(inv)).containsExactly(
                "windows-uninstall machine | 7-Zip 24.08 (x64) | 24.08 | Igor Pavlov",
                "windows-uninstall machine | AT&T Global Network Client | 10.1.3.8 | AT&T Services, Inc.",
                "windows-uninstall machine | CASPER 11 | 11.0.5421 | Future Systems Solutions, Inc.",
                "windows-uninstall machine | KasperTech Tools | 3.2.1 | KasperTech",
                "windows-uninstall machine | Microsoft Office Professional Plus 2016 | 16.0.4266.1001 | Microsoft Corporation",
                "windows-uninstall machine | Google Chrome | 131.0.6778.86 | Google LLC",
                "windows-uninstall machine | Microsoft Edge | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall machine | Microsoft Edge WebView2 Runtime | 131.0.2903.70 | Microsoft Corporation",
                "windows-uninstall user:…1004336348-1177238915-682003330-2051 | Kaspa Wallet | 0.3.15 | Kaspa",
                "windows-store machine | Microsoft.Windows.ShellExperienceHost | 10.0.22621.4541 | Microsoft Windows",
                "windows-store machine | Microsoft.Windows.StartMenuExperienceHost | 10.0.22621.4541 | Microsoft Windows",
                "windows-store machine | Microsoft.SecHealthUI | 1000.27703.1006.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsCalculator | 11.2409.0.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsNotepad | 11.2410.21.0 | Microsoft Corporation",
                "windows-store machine | Microsoft.WindowsStore | 22410.1401.5.0 | Microsoft Corporation");
        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=true | upToDate=true | signatures=null");
        assertThat(observed(inv, EvidenceKind.REGISTRY_KEY)).isEmpty();
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void singleObjects() {
        Inventory inv = collect(WindowsFixtures.SINGLE_OBJECTS);

        assertThat(software(inv)).containsExactly(
                "windows-uninstall machine | VMware Tools | 12.4.5.23787635",
                "windows-uninstall user:…4087213395-2938471120-1650349283-1001 | Microsoft OneDrive | 24.216.1027.0001");
        assertThat(products(inv)).containsExactly(
                "Microsoft | Windows Defender | antivirus | enabled=true | upToDate=true | signatures=null");
        assertThat(inv.errors()).containsExactly(new ScanError("appx", "The service cannot be started, either because it is"
                + " disabled or because it has no enabled devices associated with it. (Exception from HRESULT: 0x80070422)"));
        assertThat(inv.host().domain()).isNull();
    }

    @Test
    void observationsComeSectionBySectionWithTheirSources() {
        Inventory inv = collect(WindowsFixtures.KES);

        assertThat(inv.observations().stream().map(Evidence::source).distinct().toList())
                .containsExactly("windows-services", "windows-drivers", "windows-registry", "windows-processes");
    }
}
