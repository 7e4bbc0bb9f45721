package io.banwatch.agent.inventory.windows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parser on every section of every recorded machine: the number of items each one yields.
 * The counts were taken by reading the fixtures independently of this code (a Python json.loads
 * of each section, applying the same documented filters); "-" marks a section that failed on that machine.
 */
class EveryFixtureParsesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(useHeadersInDisplayName = true, textBlock = """
            fixture,                uninstall-machine,  uninstall-users,  appx,  wsc-antivirus,  wsc-antispyware,  wsc-firewall,  defender-endpoint,  services,  drivers,  kaspersky-registry,  processes
            clean-win11,            7,                  4,                7,     1,              1,                0,             0,                  24,        8,        0,                   19
            kes12-with-agent,       8,                  1,                3,     2,              2,                1,             0,                  24,        21,       4,                   19
            kes-russian,            7,                  2,                3,     2,              2,                1,             0,                  25,        21,       4,                   20
            network-agent-only,     7,                  0,                3,     1,              1,                0,             0,                  23,        8,        2,                   17
            kaspersky-remnants,     6,                  1,                6,     1,              1,                0,             0,                  22,        10,       4,                   16
            remnants-defender-off,  6,                  1,                6,     1,              1,                0,             0,                  22,        10,       4,                   16
            ultraav-migrated,       7,                  2,                6,     2,              2,                0,             0,                  24,        9,        4,                   20
            server-2019-ksws,       5,                  0,                3,     -,              -,                -,             0,                  21,        9,        3,                   16
            decoys,                 8,                  1,                6,     1,              1,                0,             0,                  23,        10,       0,                   19
            single-objects,         1,                  1,                -,     1,              1,                0,             0,                  20,        8,        0,                   15
            mde-not-onboarded,      7,                  4,                7,     1,              1,                0,             1,                  25,        8,        0,                   19
            mde-onboarded,          7,                  4,                7,     1,              1,                0,             1,                  25,        8,        0,                   20
            """)
    void yieldsTheExpectedNumberOfItems(String fixture, String uninstallMachine, String uninstallUsers, String appx,
                                        String antivirus, String antispyware, String firewall, String defenderEndpoint,
                                        String services, String drivers, String kasperskyRegistry, String processes) {
        PowerShellSections sections = PowerShellSections.parse(WindowsFixtures.output(fixture));
        Map<String, String> expected = Map.ofEntries(Map.entry("uninstall-machine", uninstallMachine),
                Map.entry("uninstall-users", uninstallUsers), Map.entry("appx", appx), Map.entry("wsc-antivirus", antivirus),
                Map.entry("wsc-antispyware", antispyware), Map.entry("wsc-firewall", firewall),
                Map.entry("defender-endpoint", defenderEndpoint), Map.entry("services", services), Map.entry("drivers", drivers),
                Map.entry("kaspersky-registry", kasperskyRegistry), Map.entry("processes", processes));

        expected.forEach((section, count) -> {
            String json = sections.bodies().get(section);
            if (count.equals("-")) {
                assertThat(sections.errors()).as("%s %s", fixture, section).containsKey(section);
                return;
            }
            assertThat(itemsIn(section, json)).as("%s %s", fixture, section).isEqualTo(Integer.parseInt(count));
        });
        assertThat(WindowsHost.parse(sections.bodies().get("host")).os().family()).isEqualTo("windows");
    }

    private static int itemsIn(String section, String json) {
        return switch (section) {
            case "uninstall-machine" -> UninstallEntries.parseMachine(json).size();
            case "uninstall-users" -> UninstallEntries.parseUsers(json).size();
            case "appx" -> AppxPackages.parse(json).size();
            case "wsc-antivirus", "wsc-antispyware", "wsc-firewall" -> SecurityCenter.parse(section, json).size();
            case "defender-endpoint" -> DefenderEndpoint.parse(json).size();
            case "services" -> Win32Services.parseServices(json).size();
            case "drivers" -> Win32Services.parseDrivers(json).size();
            case "kaspersky-registry" -> KasperskyRegistry.parse(json).keys().size();
            case "processes" -> WindowsProcesses.parse(json).size();
            default -> throw new AssertionError("no parser for " + section);
        };
    }
}
