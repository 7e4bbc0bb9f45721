package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static io.banwatch.agent.inventory.macos.MacFixtures.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class PackageReceiptsTest {
    private final MacFixtures.Problems problems = new MacFixtures.Problems();

    @Test
    void readsBinaryAndXmlReceipts() {
        assertThat(PackageReceipts.read(new MacRoot(MacFixtures.scenario("clean-sonoma")), problems))
                .extracting(Software::name, Software::version, Software::installedOn, Software::location)
                .containsExactly(
                        tuple("com.apple.pkg.MRTConfigData_10_15.16U4211", "1.93", LocalDate.of(2024, 3, 4), "/"),
                        tuple("com.apple.pkg.RosettaUpdateAuto", "1.0.0.0.1.1714184741", LocalDate.of(2024, 3, 4), "/"),
                        tuple("com.apple.pkg.XProtectPayloads_10_15.16U4351", "146", LocalDate.of(2024, 10, 16), "/"),
                        tuple("com.crowdstrike.falcon.sensor", "7.18.18905.0", LocalDate.of(2024, 9, 30), "/"),
                        tuple("com.microsoft.package.Microsoft_AutoUpdate.app", "4.77.24110316", LocalDate.of(2024, 11, 14), "/"),
                        tuple("com.microsoft.package.Microsoft_Word.app", "16.91.24111020", LocalDate.of(2024, 11, 14),
                                "/Library/Caches/com.microsoft.autoupdate.helper/Clones.noindex"),
                        tuple("com.microsoft.pkg.licensing", "16.91.24111020", LocalDate.of(2024, 3, 5), "/"),
                        tuple("org.xquartz.X11", "2.8.5", LocalDate.of(2024, 4, 2), "/"));
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void theReceiptIdIsBothNameAndIdentifier() {
        Software core = PackageReceipts.read(new MacRoot(MacFixtures.scenario("kav-for-mac")), problems).get(0);
        assertThat(core).isEqualTo(new Software("com.kaspersky.kav.core", "21.24.1.21", null, "pkgutil", "machine", null,
                "com.kaspersky.kav.core", LocalDate.of(2024, 5, 14), "/"));
    }

    @Test
    void aReceiptWithoutIdentifierIsNamedAfterItsFile() {
        Software s = PackageReceipts.fromReceipt(xml("<key>PackageVersion</key><string>1.0</string>"), "com.example.pkg");
        assertThat(s.name()).isEqualTo("com.example.pkg");
        assertThat(s.identifier()).isEqualTo("com.example.pkg");
        assertThat(s.installedOn()).isNull();
    }

    @Test
    void theInstallPrefixIsMadeAbsolute() {
        assertThat(PackageReceipts.installLocation(null)).isEqualTo("/");
        assertThat(PackageReceipts.installLocation("/")).isEqualTo("/");
        assertThat(PackageReceipts.installLocation("Applications/")).isEqualTo("/Applications");
        assertThat(PackageReceipts.installLocation("/opt/X11")).isEqualTo("/opt/X11");
    }

    @Test
    void anEmptyReceiptFolderHasNoPackages() {
        assertThat(PackageReceipts.read(new MacRoot(MacFixtures.scenario("broken")), problems)).isEmpty();
        assertThat(problems.list()).isEmpty();
    }
}
