package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class HomebrewPackagesTest {
    @TempDir
    Path root;

    private final MacFixtures.Problems problems = new MacFixtures.Problems();

    @Test
    void listsEveryFormulaAndCaskVersionOnBothPrefixes() {
        Fixtures.write(root, "opt/homebrew/Cellar/wget/1.24.5/INSTALL_RECEIPT.json", "{}");
        Fixtures.mkdirs(root, "opt/homebrew/Cellar/openssl@3/3.3.2");
        Fixtures.mkdirs(root, "opt/homebrew/Cellar/openssl@3/3.4.0");
        Fixtures.write(root, "opt/homebrew/Cellar/.DS_Store", "x");
        Fixtures.mkdirs(root, "opt/homebrew/Caskroom/firefox/132.0.2");
        Fixtures.mkdirs(root, "opt/homebrew/Caskroom/firefox/.metadata/132.0.2");
        Fixtures.write(root, "opt/homebrew/Caskroom/firefox/stray-file", "x");
        Fixtures.mkdirs(root, "usr/local/Cellar/git/2.47.0");

        assertThat(HomebrewPackages.read(new MacRoot(root), problems))
                .extracting(Software::name, Software::version, Software::source, Software::location)
                .containsExactly(
                        tuple("openssl@3", "3.3.2", "homebrew", "/opt/homebrew/Cellar/openssl@3/3.3.2"),
                        tuple("openssl@3", "3.4.0", "homebrew", "/opt/homebrew/Cellar/openssl@3/3.4.0"),
                        tuple("wget", "1.24.5", "homebrew", "/opt/homebrew/Cellar/wget/1.24.5"),
                        tuple("firefox", "132.0.2", "homebrew", "/opt/homebrew/Caskroom/firefox/132.0.2"),
                        tuple("git", "2.47.0", "homebrew", "/usr/local/Cellar/git/2.47.0"));
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void aMacWithoutHomebrewHasNoFormulae() {
        assertThat(HomebrewPackages.read(new MacRoot(MacFixtures.scenario("clean-sonoma")), problems)).isEmpty();
        assertThat(problems.list()).isEmpty();
    }
}
