package io.banwatch.agent.inventory.windows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class PowerShellSectionsTest {
    static final List<String> FIXTURES = WindowsFixtures.ALL;

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void everyFixtureSplitsIntoTheTwelveSectionsOfTheScript(String fixture) {
        PowerShellSections sections = PowerShellSections.parse(WindowsFixtures.output(fixture));

        List<String> names = new ArrayList<>(sections.bodies().keySet());
        names.addAll(sections.errors().keySet());
        assertThat(names).containsExactlyInAnyOrderElementsOf(WindowsFixtures.SECTIONS);
        assertThat(sections.bodies().values()).allSatisfy(json -> assertThat(json).doesNotContain("\r", "\n"));
    }

    @ParameterizedTest
    @FieldSource("FIXTURES")
    void aWholeOutputReadAsCutLosesNothing(String fixture) {
        String output = WindowsFixtures.output(fixture);
        assertThat(PowerShellSections.parseCut(output)).isEqualTo(PowerShellSections.parse(output));
    }

    @Test
    void aCutOutputKeepsOnlyTheSectionsWrittenToTheirLineEnd() {
        String a = "### banwatch-section a\r\n{\"x\":1}\r\n";
        String emptyB = "### banwatch-section b\r\n\r\n";
        String failedC = "### banwatch-error c\r\nAccess denied\r\n";
        String done = a + emptyB + failedC;

        assertThat(PowerShellSections.parseCut(done).bodies()).containsExactly(entry("a", "{\"x\":1}"), entry("b", ""));
        assertThat(PowerShellSections.parseCut(done).errors()).containsExactly(entry("c", "Access denied"));
        // Cut in the next body line, right after the next marker, inside the marker, or between CR and LF.
        for (String tail : List.of("### banwatch-section d\r\n[{\"Name\":\"AV", "### banwatch-section d\r\n",
                "### banwatch-sec", "### banwatch-section d\r")) {
            PowerShellSections cut = PowerShellSections.parseCut(done + tail);
            assertThat(cut.bodies()).as(tail).containsOnlyKeys("a", "b");
            assertThat(cut.errors()).as(tail).containsOnlyKeys("c");
        }
        // An empty body whose line end did not make it is not an empty section.
        assertThat(PowerShellSections.parseCut(a + "### banwatch-section b\r\n").bodies()).containsOnlyKeys("a");
        assertThat(PowerShellSections.parseCut("").isEmpty()).isTrue();
        assertThat(PowerShellSections.parseCut("WARNING: banner without a line end").isEmpty()).isTrue();
    }

    @Test
    void anEmptySectionIsAnEmptyBodyNotAnError() {
        PowerShellSections clean = PowerShellSections.parse(WindowsFixtures.output(WindowsFixtures.CLEAN));

        assertThat(clean.bodies()).containsEntry("wsc-firewall", "").containsEntry("kaspersky-registry", "");
        assertThat(clean.errors()).isEmpty();
        assertThat(clean.bodies().get("host")).startsWith("{\"ComputerName\":\"PC-FIN-0142\"").endsWith("}");
    }

    @Test
    void failedSectionsKeepTheirOneLineMessage() {
        PowerShellSections server = PowerShellSections.parse(WindowsFixtures.output(WindowsFixtures.SERVER));

        assertThat(server.errors()).containsExactly(
                entry("wsc-antivirus", "Invalid namespace"),
                entry("wsc-antispyware", "Invalid namespace"),
                entry("wsc-firewall", "Invalid namespace"),
                entry("defender", "The term 'Get-MpComputerStatus' is not recognized as the name of a cmdlet, function, "
                        + "script file, or operable program. Check the spelling of the name, or if a path was included, "
                        + "verify that the path is correct and try again."));
        assertThat(server.bodies()).doesNotContainKeys("wsc-antivirus", "defender");
        assertThat(PowerShellSections.parse(WindowsFixtures.output(WindowsFixtures.SINGLE_OBJECTS)).errors())
                .containsOnlyKeys("appx");
    }

    @Test
    void toleratesByteOrderMarkLineFeedsBannerTrailingBlankLinesAndUnknownSections() {
        String stdout = "\uFEFFWARNING: something PowerShell printed first\n"
                + "### banwatch-section host\n"
                + "{\"ComputerName\":\"A\"}\n"
                + "### banwatch-section from-a-newer-script\n"
                + "[1,2]\r\n"
                + "### banwatch-error processes\r\n"
                + "Access is denied\r\n"
                + "\r\n\r\n\n";

        PowerShellSections sections = PowerShellSections.parse(stdout);

        assertThat(sections.bodies()).containsExactly(entry("host", "{\"ComputerName\":\"A\"}"),
                entry("from-a-newer-script", "[1,2]"));
        assertThat(sections.errors()).containsExactly(entry("processes", "Access is denied"));
    }

    @Test
    void aByteOrderMarkInFrontOfTheFirstMarkerDoesNotHideIt() {
        // Some .NET console paths emit the UTF-8 preamble before the first line the script writes.
        PowerShellSections sections = PowerShellSections.parse("\uFEFF### banwatch-section host\r\n{\"ComputerName\":\"A\"}\r\n");

        assertThat(sections.bodies()).containsExactly(entry("host", "{\"ComputerName\":\"A\"}"));
    }

    @Test
    void aMarkerAtTheVeryEndIsAnEmptySectionAndAnErrorWithoutTextStillCounts() {
        PowerShellSections sections = PowerShellSections.parse("### banwatch-error appx\r\n\r\n### banwatch-section processes");

        assertThat(sections.bodies()).containsExactly(entry("processes", ""));
        assertThat(sections.errors()).containsExactly(entry("appx", "failed without a message"));
    }

    @Test
    void outputWithoutMarkersHasNoSections() {
        assertThat(PowerShellSections.parse("").isEmpty()).isTrue();
        assertThat(PowerShellSections.parse("powershell.exe : The term is not recognized\r\n").isEmpty()).isTrue();
        assertThat(PowerShellSections.parse("### banwatch-section host\r\n{}").isEmpty()).isFalse();
    }

    @Test
    void theMapsCannotBeChangedFromOutside() {
        PowerShellSections sections = PowerShellSections.parse("### banwatch-section host\n{}\n");
        assertThat(sections.bodies()).isUnmodifiable();
        assertThat(new PowerShellSections(Map.of("a", "1"), Map.of()).errors()).isUnmodifiable();
    }
}
