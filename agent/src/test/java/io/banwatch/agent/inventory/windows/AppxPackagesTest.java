package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AppxPackagesTest {
    @Test
    void listsStoreAppsWithoutFrameworksAndNamesThePublisherByItsCommonName() {
        assertThat(AppxPackages.parse(json(WindowsFixtures.CLEAN, "appx")))
                .extracting(Software::name, Software::version, Software::publisher, Software::identifier)
                .containsExactly(
                        tuple("Microsoft.Windows.ShellExperienceHost", "10.0.22621.4541", "Microsoft Windows",
                                "Microsoft.Windows.ShellExperienceHost_cw5n1h2txyewy"),
                        tuple("Microsoft.Windows.StartMenuExperienceHost", "10.0.22621.4541", "Microsoft Windows",
                                "Microsoft.Windows.StartMenuExperienceHost_cw5n1h2txyewy"),
                        tuple("Microsoft.SecHealthUI", "1000.27703.1006.0", "Microsoft Corporation",
                                "Microsoft.SecHealthUI_8wekyb3d8bbwe"),
                        tuple("Microsoft.WindowsCalculator", "11.2409.0.0", "Microsoft Corporation",
                                "Microsoft.WindowsCalculator_8wekyb3d8bbwe"),
                        tuple("Microsoft.WindowsNotepad", "11.2410.21.0", "Microsoft Corporation",
                                "Microsoft.WindowsNotepad_8wekyb3d8bbwe"),
                        tuple("Microsoft.WindowsStore", "22410.1401.5.0", "Microsoft Corporation",
                                "Microsoft.WindowsStore_8wekyb3d8bbwe"),
                        tuple("MSTeams", "24295.605.3225.8804", "Microsoft Corporation", "MSTeams_8wekyb3d8bbwe"));
        assertThat(AppxPackages.parse(json(WindowsFixtures.CLEAN, "appx"))).allSatisfy(app -> {
            assertThat(app.source()).isEqualTo("windows-store");
            assertThat(app.scope()).isEqualTo("machine");
            assertThat(app.location()).startsWith("C:\\");
        });
    }

    @Test
    void readsTheServersSystemAppsToo() {
        assertThat(AppxPackages.parse(json(WindowsFixtures.SERVER, "appx"))).extracting(Software::name, Software::location)
                .containsExactly(
                        tuple("Microsoft.Windows.ShellExperienceHost", "C:\\Windows\\SystemApps\\ShellExperienceHost_cw5n1h2txyewy"),
                        tuple("Microsoft.Windows.Cortana", "C:\\Windows\\SystemApps\\Microsoft.Windows.Cortana_cw5n1h2txyewy"),
                        tuple("windows.immersivecontrolpanel", "C:\\Windows\\ImmersiveControlPanel"));
    }

    @Test
    void anAppWithoutNameIsSkipped() {
        assertThat(AppxPackages.parse("[{\"Name\":null,\"Version\":\"1\"},{\"Name\":\"Contoso.App\",\"IsFramework\":\"False\"}]"))
                .extracting(Software::name, Software::publisher).containsExactly(tuple("Contoso.App", null));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "CN=Microsoft Corporation, O=Microsoft Corporation, L=Redmond, S=Washington, C=US | Microsoft Corporation",
            "O=Contoso, cn = Contoso Signing , C=US | Contoso Signing",
            "CN=\"Contoso, Ltd.\", O=Contoso | Contoso, Ltd.",
            "CN=\"Say \"\"hi\"\"\" | Say \"hi\"",
            "Contoso Ltd | Contoso Ltd",
            "CN=, O=Empty | "})
    void thePublisherIsTheCommonNameOfTheSigningCertificate(String distinguishedName, String expected) {
        assertThat(AppxPackages.commonName(distinguishedName)).isEqualTo(expected);
    }
}
