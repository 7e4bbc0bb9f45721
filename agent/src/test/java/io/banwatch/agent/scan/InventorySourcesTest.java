package io.banwatch.agent.scan;

import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.linux.LinuxInventorySource;
import io.banwatch.agent.inventory.macos.MacInventorySource;
import io.banwatch.agent.inventory.windows.WindowsInventorySource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** The run-time choice of inventory source, with the OS name passed in rather than faked in the JVM. */
class InventorySourcesTest {
    @ParameterizedTest
    @CsvSource({
            "Windows 11, windows", "Windows Server 2019, windows", "Windows 10, windows",
            "Mac OS X, macos", "macOS, macos", "Darwin, macos",
            "Linux, linux", "FreeBSD, linux", "'', linux"})
    void namesTheFamilyOfAnOsName(String osName, String family) {
        assertThat(InventorySources.osFamily(osName)).isEqualTo(family);
    }

    @Test
    void eachFamilyGetsItsInventorySourceWithItsOwnProbesAndNothingRunsYet() {
        CommandRunner runner = mock(CommandRunner.class);
        java.util.function.Function<String, List<String>> probes = family -> List.of("/probe/" + family);

        assertThat(InventorySources.forFamily("linux", runner, probes)).isInstanceOf(LinuxInventorySource.class);
        assertThat(InventorySources.forFamily("macos", runner, probes)).isInstanceOf(MacInventorySource.class);
        assertThat(InventorySources.forFamily("windows", runner, probes)).isInstanceOf(WindowsInventorySource.class);
        assertThatThrownBy(() -> InventorySources.forFamily("solaris", runner, probes))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("solaris");
        verifyNoInteractions(runner);
    }

    @Test
    void thisMachineIsJudgedByItsOwnOsName() {
        assertThat(InventorySources.osFamily()).isEqualTo(InventorySources.osFamily(System.getProperty("os.name")));
    }
}
