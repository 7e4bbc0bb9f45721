package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.SecurityProduct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class SecurityCenterTest {
    private static List<SecurityProduct> products(String fixture) {
        List<SecurityCenter.Registration> registrations = new ArrayList<>();
        for (String section : SecurityCenter.SECTIONS) {
            registrations.addAll(SecurityCenter.parse(section, json(fixture, section)));
        }
        return SecurityCenter.products(registrations);
    }

    @ParameterizedTest
    @CsvSource({
            "266240, true,  true",   // 0x41000 third-party product on, up to date
            "266256, true,  false",  // 0x41010 on, out of date
            "262144, false, true",   // 0x40000 off
            "262160, false, false",  // 0x40010 off, out of date
            "397568, true,  true",   // 0x61100 Defender on
            "393472, false, true",   // 0x60100 Defender off because another antivirus is active
            "270336, false, true",   // 0x42000 snoozed
            "274432, false, true",   // 0x43000 expired
            "266272, true,",         // 0x41020 a signature value nobody documents
    })
    void decodesProductState(long productState, boolean enabled, Boolean upToDate) {
        WscProductState state = new WscProductState(productState);
        assertThat(state.enabled()).isEqualTo(enabled);
        assertThat(state.upToDate()).isEqualTo(upToDate);
    }

    @Test
    void aDefenderOnlyClientHasOneProductFromTwoRegistrationsPrintedAsObjects() {
        assertThat(products(WindowsFixtures.CLEAN))
                .extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::kind,
                        SecurityProduct::enabled, SecurityProduct::upToDate)
                .containsExactly(tuple("Microsoft", "Windows Defender", "antivirus", true, true));
        assertThat(products(WindowsFixtures.CLEAN).get(0).evidence())
                .extracting(Evidence::kind, Evidence::source, Evidence::name, Evidence::location, Evidence::detail)
                .containsExactly(
                        tuple(EvidenceKind.SECURITY_CENTER, "wsc-antivirus", "Windows Defender", "windowsdefender://", "397568"),
                        tuple(EvidenceKind.SECURITY_CENTER, "wsc-antispyware", "Windows Defender", "windowsdefender://", "397568"));
    }

    @Test
    void kasperskyEndpointSecurityIsOneAntivirusAndOneFirewallWhileDefenderStandsAside() {
        List<SecurityProduct> products = products(WindowsFixtures.KES);

        assertThat(products)
                .extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::kind,
                        SecurityProduct::enabled, SecurityProduct::upToDate)
                .containsExactly(
                        tuple("Microsoft", "Windows Defender", "antivirus", false, true),
                        tuple("Kaspersky", "Kaspersky Endpoint Security for Windows", "antivirus", true, true),
                        tuple("Kaspersky", "Kaspersky Endpoint Security for Windows", "firewall", true, true));
        // The antivirus and antispyware registrations carry different instance GUIDs; the name joins them.
        assertThat(products.get(1).evidence()).extracting(Evidence::source, Evidence::location).containsExactly(
                tuple("wsc-antivirus", "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\wmiav.exe"),
                tuple("wsc-antispyware", "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\wmias.exe"));
    }

    @Test
    void recognisesTheLocalizedKasperskyRegistration() {
        assertThat(products(WindowsFixtures.KES_RUSSIAN))
                .extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::kind)
                .containsExactly(
                        tuple("Microsoft", "Windows Defender", "antivirus"),
                        tuple("Kaspersky", "Kaspersky Endpoint Security для Windows", "antivirus"),
                        tuple("Kaspersky", "Kaspersky Endpoint Security для Windows", "firewall"));
    }

    @Test
    void aProductSecurityCenterDoesNotKnowTheVendorOfIsLeftForTheCatalog() {
        assertThat(products(WindowsFixtures.ULTRAAV))
                .extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::enabled)
                .containsExactly(tuple("Microsoft", "Windows Defender", false), tuple("unknown", "UltraAV", true));
    }

    @Test
    void otherFixturesListOnlyDefender() {
        for (String fixture : List.of(WindowsFixtures.NETWORK_AGENT, WindowsFixtures.REMNANTS, WindowsFixtures.DECOYS,
                WindowsFixtures.SINGLE_OBJECTS)) {
            assertThat(products(fixture)).as(fixture)
                    .extracting(SecurityProduct::product, SecurityProduct::enabled, SecurityProduct::upToDate)
                    .containsExactly(tuple("Windows Defender", true, true));
        }
    }

    @Test
    void anAntispywareOnlyProductKeepsItsKindAndAStaleDuplicateDoesNotHideTheActiveOne() {
        List<SecurityCenter.Registration> registrations = new ArrayList<>();
        registrations.addAll(SecurityCenter.parse(SecurityCenter.ANTIVIRUS,
                "[{\"displayName\":\"Contoso AV\",\"productState\":262144},{\"displayName\":\"contoso av\",\"productState\":266256}]"));
        registrations.addAll(SecurityCenter.parse(SecurityCenter.ANTISPYWARE,
                "[{\"displayName\":\"Spy Sweeper\",\"productState\":\"266240\"},{\"displayName\":null},{\"productState\":1}]"));

        assertThat(SecurityCenter.products(registrations))
                .extracting(SecurityProduct::product, SecurityProduct::kind, SecurityProduct::enabled, SecurityProduct::upToDate,
                        p -> p.evidence().size())
                .containsExactly(tuple("contoso av", "antivirus", true, false, 2),
                        tuple("Spy Sweeper", "antispyware", true, true, 1));
    }

    @Test
    void aRegistrationWithoutProductStateHasUnknownState() {
        SecurityProduct product = SecurityCenter.products(SecurityCenter.parse(SecurityCenter.FIREWALL,
                "{\"displayName\":\"Contoso Firewall\",\"productState\":null}")).get(0);

        assertThat(product.enabled()).isNull();
        assertThat(product.upToDate()).isNull();
        assertThat(product.evidence().get(0).detail()).isNull();
    }
}
