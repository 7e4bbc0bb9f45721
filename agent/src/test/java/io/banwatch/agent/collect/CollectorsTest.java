package io.banwatch.agent.collect;

import io.banwatch.agent.collect.linux.LinuxCollector;
import io.banwatch.agent.collect.macos.MacCollector;
import io.banwatch.agent.collect.windows.WindowsCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** The run-time choice of collector, with the OS name passed in rather than faked in the JVM. */
class CollectorsTest {
    @ParameterizedTest
    @CsvSource({
            "Windows 11, windows", "Windows Server 2019, windows", "Windows 10, windows",
            "Mac OS X, macos", "macOS, macos", "Darwin, macos",
            "Linux, linux", "FreeBSD, linux", "'', linux"})
    void namesTheFamilyOfAnOsName(String osName, String family) {
        assertThat(Collectors.osFamily(osName)).isEqualTo(family);
    }

    @Test
    void eachFamilyGetsItsCollectorWithItsOwnProbesAndNothingRunsYet() {
        CommandRunner runner = mock(CommandRunner.class);
        java.util.function.Function<String, List<String>> probes = family -> List.of("/probe/" + family);

        assertThat(Collectors.forFamily("linux", runner, probes)).isInstanceOf(LinuxCollector.class);
        assertThat(Collectors.forFamily("macos", runner, probes)).isInstanceOf(MacCollector.class);
        assertThat(Collectors.forFamily("windows", runner, probes)).isInstanceOf(WindowsCollector.class);
        assertThatThrownBy(() -> Collectors.forFamily("solaris", runner, probes))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("solaris");
        verifyNoInteractions(runner);
    }

    @Test
    void thisMachineIsJudgedByItsOwnOsName() {
        assertThat(Collectors.osFamily()).isEqualTo(Collectors.osFamily(System.getProperty("os.name")));
    }
}
