package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.banwatch.agent.inventory.macos.MacFixtures.xml;
import static org.assertj.core.api.Assertions.assertThat;

class KernelExtensionsTest {
    @TempDir
    Path root;

    private final MacFixtures.Problems problems = new MacFixtures.Problems();

    @Test
    void listsALeftOverKext() {
        assertThat(KernelExtensions.read(new MacRoot(MacFixtures.scenario("kaspersky-remnants")), problems))
                .containsExactly(new Evidence(EvidenceKind.KERNEL_EXTENSION, "kext", "com.kaspersky.kext.klif",
                        "/Library/Extensions/klif.kext", "16.0.0"));
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void aKextWithoutIdentifierIsNamedAfterItsFolder() {
        assertThat(KernelExtensions.fromInfo(xml(""), "klnke", "/Library/Extensions/klnke.kext").name()).isEqualTo("klnke");
    }

    @Test
    void reportsAnUnreadableKextAndSkipsOneWithoutInfoPlist() {
        Path broken = MacFixtures.copy("broken", root);
        Fixtures.mkdirs(broken, "Library/Extensions/Empty.kext/Contents");
        assertThat(KernelExtensions.read(new MacRoot(broken), problems)).isEmpty();
        assertThat(problems.list()).singleElement().asString()
                .startsWith("/Library/Extensions/Broken.kext/Contents/Info.plist: not a readable property list (");
    }
}
