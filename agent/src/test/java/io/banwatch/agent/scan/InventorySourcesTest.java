package io.banwatch.agent.scan;

import io.banwatch.model.OsFamily;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.linux.LinuxInventorySource;
import io.banwatch.agent.inventory.macos.MacInventorySource;
import io.banwatch.agent.inventory.windows.WindowsInventorySource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** The run-time choice of inventory source, with the OS name passed in rather than faked in the JVM. */
class InventorySourcesTest {
    @Test
    void eachFamilyGetsItsInventorySourceWithItsOwnProbesAndNothingRunsYet() {
        CommandRunner runner = mock(CommandRunner.class);
        java.util.function.Function<String, List<String>> probes = family -> List.of("/probe/" + family);

        assertThat(InventorySources.forFamily(OsFamily.LINUX, runner, probes)).isInstanceOf(LinuxInventorySource.class);
        assertThat(InventorySources.forFamily(OsFamily.MACOS, runner, probes)).isInstanceOf(MacInventorySource.class);
        assertThat(InventorySources.forFamily(OsFamily.WINDOWS, runner, probes)).isInstanceOf(WindowsInventorySource.class);
        verifyNoInteractions(runner);
    }

    @Test
    void thisMachineIsJudgedByItsOwnOsName() {
        assertThat(InventorySources.osFamily()).isEqualTo(OsFamily.ofOsName(System.getProperty("os.name")));
    }
}
