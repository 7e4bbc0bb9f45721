package io.banwatch.agent.inventory.macos;

import io.banwatch.model.OsInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SystemVersionTest {
    @TempDir
    Path root;

    private final MacFixtures.Problems problems = new MacFixtures.Problems();

    @ParameterizedTest
    @CsvSource({
            "clean-sonoma,       14.6.1, 23G93",
            "kav-for-mac,        15.1,   24B83",
            "kes-mac-with-agent, 13.6.4, 22G513",
    })
    void readsVersionAndBuild(String scenario, String version, String build) {
        assertThat(SystemVersion.read(new MacRoot(MacFixtures.scenario(scenario)), problems))
                .isEqualTo(new OsInfo("macos", "macOS " + version, version, build));
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void anUnreadableFileLeavesTheVersionUnknown() {
        assertThat(SystemVersion.read(new MacRoot(MacFixtures.scenario("broken")), problems))
                .isEqualTo(new OsInfo("macos", "macOS", null, null));
        assertThat(problems.list()).singleElement().asString()
                .startsWith("/System/Library/CoreServices/SystemVersion.plist: not a readable property list (SAXParseException");
    }

    @Test
    void aMissingFileIsAProblem() {
        assertThat(SystemVersion.read(new MacRoot(root), problems)).isEqualTo(SystemVersion.UNKNOWN);
        assertThat(problems.list()).containsExactly("/System/Library/CoreServices/SystemVersion.plist: no such file");
    }
}
