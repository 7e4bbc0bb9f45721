package io.banwatch.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The one list of OS families: its wire ids, the JVM names it reads, the words its errors use. */
class OsFamilyTest {
    @ParameterizedTest
    @CsvSource({
            "Windows 11, WINDOWS", "Windows Server 2019, WINDOWS", "Windows 10, WINDOWS",
            "Mac OS X, MACOS", "macOS, MACOS", "Darwin, MACOS",
            "Linux, LINUX", "FreeBSD, LINUX", "'', LINUX"})
    void namesTheFamilyOfAJvmOsName(String osName, OsFamily family) {
        assertThat(OsFamily.ofOsName(osName)).isEqualTo(family);
    }

    @Test
    void aMissingOsNameIsLinux() {
        assertThat(OsFamily.ofOsName(null)).isEqualTo(OsFamily.LINUX);
    }

    @Test
    void idsAreTheWireNamesInDeclarationOrder() {
        assertThat(OsFamily.ids()).containsExactly("linux", "macos", "windows");
        for (OsFamily f : OsFamily.values()) {
            assertThat(OsFamily.fromId(f.id())).contains(f);
        }
    }

    @Test
    void fromIdFoldsCaseAndSpaceAndRefusesTheUnknown() {
        assertThat(OsFamily.fromId(" Windows ")).contains(OsFamily.WINDOWS);
        assertThat(OsFamily.fromId("solaris")).isEmpty();
        assertThat(OsFamily.fromId("")).isEmpty();
        assertThat(OsFamily.fromId(null)).isEmpty();
    }

    @Test
    void choicesNameEveryFamilyForErrors() {
        assertThat(OsFamily.choices()).isEqualTo("linux, macos or windows");
    }
}
