package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class WindowsProcessesTest {
    private static List<Evidence> processes(String fixture) {
        return WindowsProcesses.parse(json(fixture, "processes"));
    }

    @Test
    void listsEachProgramOnceWithItsPathWhenWindowsTellsIt() {
        assertThat(processes(WindowsFixtures.KES)).extracting(Evidence::name, Evidence::location).containsExactly(
                tuple("avp", null),
                tuple("avpsus", "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avpsus.exe"),
                tuple("avpui", "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avpui.exe"),
                tuple("chrome", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe"),
                tuple("csrss", null),
                tuple("explorer", "C:\\WINDOWS\\Explorer.EXE"),
                tuple("Idle", null),
                tuple("klnagent", "C:\\Program Files (x86)\\Kaspersky Lab\\NetworkAgent\\klnagent.exe"),
                tuple("lsass", "C:\\WINDOWS\\system32\\lsass.exe"),
                tuple("powershell", "C:\\WINDOWS\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"),
                tuple("Registry", null),
                tuple("SecurityHealthService", "C:\\WINDOWS\\system32\\SecurityHealthService.exe"),
                tuple("services", null),
                tuple("smss", null),
                tuple("spoolsv", "C:\\WINDOWS\\System32\\spoolsv.exe"),
                tuple("svchost", "C:\\WINDOWS\\system32\\svchost.exe"),
                tuple("System", null),
                tuple("vapm", "C:\\Program Files (x86)\\Kaspersky Lab\\NetworkAgent\\vapm.exe"),
                tuple("wininit", null));
        assertThat(processes(WindowsFixtures.KES)).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(EvidenceKind.PROCESS);
            assertThat(e.source()).isEqualTo("windows-processes");
            assertThat(e.detail()).isNull();
        });
    }

    @Test
    void twoWorkersOfOneProgramAreOneTrace() {
        assertThat(processes(WindowsFixtures.SERVER)).filteredOn(e -> e.name().startsWith("kav"))
                .extracting(Evidence::name).containsExactly("kavfs", "kavfsgt", "kavfswp");
        assertThat(processes(WindowsFixtures.DECOYS)).filteredOn(e -> e.name().startsWith("k") || e.name().startsWith("K"))
                .extracting(Evidence::name).containsExactly("kaspa-wallet", "KasperTech.Tools", "klauncher");
    }

    @Test
    void theSameNameFromAnotherFolderIsAnotherTrace() {
        assertThat(WindowsProcesses.parse("[{\"Name\":\"avp\",\"Id\":1,\"Path\":null},{\"Name\":\"avp\",\"Id\":2,\"Path\":null},"
                + "{\"Name\":\"avp\",\"Id\":3,\"Path\":\"C:\\\\Temp\\\\avp.exe\"},{\"Id\":4}]"))
                .extracting(Evidence::name, Evidence::location)
                .containsExactly(tuple("avp", null), tuple("avp", "C:\\Temp\\avp.exe"));
    }
}
