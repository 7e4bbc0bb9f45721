package io.banwatch.agent.inventory.windows;

import io.banwatch.model.EvidenceKind;
import io.banwatch.model.SecurityProduct;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class ReportedSecurityProductsTest {
    private static final Clock SCAN_DAY = Clock.fixed(Instant.parse("2025-03-11T12:00:00Z"), ZoneOffset.UTC);
    private static final String DEFENDER_RUNNING = "{\"AntivirusEnabled\":true,\"RealTimeProtectionEnabled\":true,"
            + "\"AntivirusSignatureLastUpdated\":\"\\/Date(1741657938000)\\/\",\"AMProductVersion\":\"4.18.25010.11\"}";

    private static List<SecurityProduct> securityCenter(String fixture) {
        return SecurityCenter.products(SecurityCenter.parse(SecurityCenter.ANTIVIRUS, json(fixture, "wsc-antivirus")));
    }

    private static KasperskyRegistry.Result registry(String fixture) {
        return KasperskyRegistry.parse(json(fixture, "kaspersky-registry"));
    }

    @Test
    void theRegistryDatesTheKasperskyAntivirusSecurityCenterReports() {
        List<SecurityProduct> firewall = ReportedSecurityProducts.combine(
                SecurityCenter.products(SecurityCenter.parse(SecurityCenter.FIREWALL, json(WindowsFixtures.KES, "wsc-firewall"))),
                null, registry(WindowsFixtures.KES));
        List<SecurityProduct> antivirus = ReportedSecurityProducts.combine(securityCenter(WindowsFixtures.KES), null,
                registry(WindowsFixtures.KES));

        assertThat(antivirus).extracting(SecurityProduct::product, SecurityProduct::enabled, SecurityProduct::signaturesUpdatedAt)
                .containsExactly(tuple("Windows Defender", false, null),
                        tuple("Kaspersky Endpoint Security for Windows", true, Instant.parse("2025-03-11T06:58:41Z")));
        // The firewall has no databases; and since Security Center lists Kaspersky, the registry adds no product.
        assertThat(firewall).extracting(SecurityProduct::kind, SecurityProduct::signaturesUpdatedAt)
                .containsExactly(tuple("firewall", null));
    }

    @Test
    void defenderIsNotReportedTwiceWhenSecurityCenterListsIt() {
        SecurityProduct defender = DefenderStatus.parse(DEFENDER_RUNNING, SCAN_DAY);

        assertThat(ReportedSecurityProducts.combine(securityCenter(WindowsFixtures.CLEAN), defender, registry(WindowsFixtures.CLEAN)))
                .extracting(SecurityProduct::product).containsExactly("Windows Defender");
    }

    @Test
    void withoutSecurityCenterDefenderComesFromItsOwnStatus() {
        SecurityProduct defender = DefenderStatus.parse(DEFENDER_RUNNING, SCAN_DAY);

        assertThat(ReportedSecurityProducts.combine(List.of(), defender, registry(WindowsFixtures.SERVER)))
                .extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::enabled, SecurityProduct::upToDate)
                .containsExactly(tuple("Microsoft", "Microsoft Defender Antivirus", true, true));
    }

    @Test
    void aKasperskyProductOnlyTheRegistryNamesIsReportedWithUnknownStateAndItsDatabaseDate() {
        List<SecurityProduct> products = ReportedSecurityProducts.combine(securityCenter(WindowsFixtures.REMNANTS), null,
                registry(WindowsFixtures.REMNANTS));

        assertThat(products).extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::version,
                        SecurityProduct::kind, SecurityProduct::enabled, SecurityProduct::upToDate, SecurityProduct::signaturesUpdatedAt)
                .containsExactly(
                        tuple("Microsoft", "Windows Defender", null, "antivirus", true, true, null),
                        tuple("Kaspersky", "Kaspersky Endpoint Security for Windows", "12.6.0.438", "antivirus", null, null,
                                Instant.parse("2024-09-25T16:03:27Z")));
        // A registry key proves no install: the product must not count as registered with Security Center.
        assertThat(products.get(1).evidence()).extracting(e -> e.kind(), e -> e.name())
                .containsExactly(tuple(EvidenceKind.REGISTRY_KEY, "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES"));
        assertThat(products.get(1).active()).isFalse();
    }

    @Test
    void keysThatNameNoProductAddNone() {
        assertThat(ReportedSecurityProducts.combine(List.of(), null, registry(WindowsFixtures.SERVER))).isEmpty();
        assertThat(ReportedSecurityProducts.combine(securityCenter(WindowsFixtures.KES), null, KasperskyRegistry.parse("")))
                .extracting(SecurityProduct::signaturesUpdatedAt).containsOnlyNulls();
    }
}
