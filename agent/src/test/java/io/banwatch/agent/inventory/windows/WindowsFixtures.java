package io.banwatch.agent.inventory.windows;

import io.banwatch.agent.Fixtures;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorded outputs of inventory.ps1 under src/test/resources/fixtures/windows. */
final class WindowsFixtures {
    static final String CLEAN = "clean-win11";
    static final String KES = "kes12-with-agent";
    static final String KES_RUSSIAN = "kes-russian";
    static final String NETWORK_AGENT = "network-agent-only";
    static final String REMNANTS = "kaspersky-remnants";
    static final String REMNANTS_DEFENDER_OFF = "remnants-defender-off";
    static final String ULTRAAV = "ultraav-migrated";
    static final String SERVER = "server-2019-ksws";
    static final String DECOYS = "decoys";
    static final String SINGLE_OBJECTS = "single-objects";
    static final String MDE_NOT_ONBOARDED = "mde-not-onboarded";
    static final String MDE_ONBOARDED = "mde-onboarded";
    static final List<String> ALL = List.of(CLEAN, KES, KES_RUSSIAN, NETWORK_AGENT, REMNANTS, REMNANTS_DEFENDER_OFF,
            ULTRAAV, SERVER, DECOYS, SINGLE_OBJECTS, MDE_NOT_ONBOARDED, MDE_ONBOARDED);

    /** The sections the script prints, in its order. */
    static final List<String> SECTIONS = List.of("host", "uninstall-machine", "uninstall-users", "appx",
            "wsc-antivirus", "wsc-antispyware", "wsc-firewall", "defender", "defender-endpoint", "services", "drivers",
            "kaspersky-registry", "processes");

    private WindowsFixtures() {
    }

    /** The script's whole standard output on that machine, byte for byte. */
    static String output(String fixture) {
        return Fixtures.text("windows/" + fixture + ".txt");
    }

    /** One section's JSON text (possibly empty); fails the test when the section errored in that fixture. */
    static String json(String fixture, String section) {
        String body = PowerShellSections.parse(output(fixture)).bodies().get(section);
        assertThat(body).as("section %s of %s", section, fixture).isNotNull();
        return body;
    }

    /** The fixture's output with one section failed with {@code message}, as the script prints a failure. */
    static String withError(String output, String section, String message) {
        String marker = PowerShellSections.SECTION_MARKER + section + "\r\n";
        int at = output.indexOf(marker);
        assertThat(at).as("section %s", section).isNotNegative();
        int bodyEnd = output.indexOf("\r\n", at + marker.length());
        return output.substring(0, at) + PowerShellSections.ERROR_MARKER + section + "\r\n" + message
                + output.substring(bodyEnd);
    }

    /** The fixture's output with one section's body replaced, for variants of a recorded machine. */
    static String withSection(String fixture, String section, String body) {
        String marker = PowerShellSections.SECTION_MARKER + section;
        StringBuilder out = new StringBuilder();
        boolean replaceNext = false;
        for (String line : output(fixture).split("\r\n")) {
            if (replaceNext) {
                out.append(body).append("\r\n");
                replaceNext = false;
                continue;
            }
            boolean isTarget = line.equals(marker) || line.equals(PowerShellSections.ERROR_MARKER + section);
            out.append(isTarget ? marker : line).append("\r\n");
            replaceNext = isTarget;
        }
        return out.toString();
    }
}
