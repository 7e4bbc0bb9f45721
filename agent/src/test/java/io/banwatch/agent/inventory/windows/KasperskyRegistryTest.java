package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class KasperskyRegistryTest {
    private static final String ROOT = "HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab";

    private static KasperskyRegistry.Result parse(String fixture) {
        return KasperskyRegistry.parse(json(fixture, "kaspersky-registry"));
    }

    @Test
    void anInstalledEndpointSecurityNamesItselfAndDatesItsDatabases() {
        KasperskyRegistry.Result kes = parse(WindowsFixtures.KES);

        assertThat(kes.keys()).extracting(Evidence::kind, Evidence::source, Evidence::name, Evidence::detail)
                .containsExactly(
                        tuple(EvidenceKind.REGISTRY_KEY, "windows-registry", ROOT, null),
                        tuple(EvidenceKind.REGISTRY_KEY, "windows-registry", ROOT + "\\Components", null),
                        tuple(EvidenceKind.REGISTRY_KEY, "windows-registry", ROOT + "\\protected", null),
                        tuple(EvidenceKind.REGISTRY_KEY, "windows-registry", ROOT + "\\protected\\KES",
                                "Kaspersky Endpoint Security for Windows 12.6.0.438"));
        assertThat(kes.products()).extracting(KasperskyRegistry.NamedProduct::name, KasperskyRegistry.NamedProduct::version,
                p -> p.key().name())
                .containsExactly(tuple("Kaspersky Endpoint Security for Windows", "12.6.0.438", ROOT + "\\protected\\KES"));
        assertThat(kes.signaturesUpdatedAt()).isEqualTo(Instant.parse("2025-03-11T06:58:41Z"));
    }

    @Test
    void theRussianBuildUsesTheVersionedKeyAndTheLocalizedName() {
        KasperskyRegistry.Result kes = parse(WindowsFixtures.KES_RUSSIAN);

        assertThat(kes.keys()).extracting(Evidence::name).containsExactly(ROOT, ROOT + "\\Components", ROOT + "\\protected",
                ROOT + "\\protected\\KES.21.9");
        assertThat(kes.products()).extracting(KasperskyRegistry.NamedProduct::name)
                .containsExactly("Kaspersky Endpoint Security для Windows");
        assertThat(kes.signaturesUpdatedAt()).isEqualTo(Instant.parse("2025-03-11T05:12:09Z"));
    }

    @Test
    void remnantsKeepTheLastUpdateBeforeTheCutOffAndNeverCountsForNothing() {
        KasperskyRegistry.Result remnants = parse(WindowsFixtures.REMNANTS);

        assertThat(remnants.keys()).extracting(Evidence::name).containsExactly(ROOT, ROOT + "\\protected",
                ROOT + "\\protected\\KES", ROOT + "\\protected\\KES.21.8");
        assertThat(remnants.products()).extracting(KasperskyRegistry.NamedProduct::name)
                .containsExactly("Kaspersky Endpoint Security for Windows");
        // KES.21.8 says -1 (0xFFFFFFFF, "never"); KES says 2024-09-25, four days before updates stopped.
        assertThat(remnants.signaturesUpdatedAt()).isEqualTo(Instant.parse("2024-09-25T16:03:27Z"));
    }

    @Test
    void theHomeProductNamesItselfInOneKeyAndDatesItsDatabasesInAnother() {
        KasperskyRegistry.Result home = parse(WindowsFixtures.ULTRAAV);

        assertThat(home.keys()).extracting(Evidence::name, Evidence::detail).containsExactly(
                tuple(ROOT, null),
                tuple(ROOT + "\\AVP21.17", "Kaspersky Standard 21.17.7.506"),
                tuple(ROOT + "\\protected", null),
                tuple(ROOT + "\\protected\\AVP21.17", null));
        assertThat(home.products()).extracting(KasperskyRegistry.NamedProduct::name, KasperskyRegistry.NamedProduct::version)
                .containsExactly(tuple("Kaspersky Standard", "21.17.7.506"));
        assertThat(home.signaturesUpdatedAt()).isEqualTo(Instant.parse("2024-09-18T23:47:12Z"));
    }

    @Test
    void keysWithoutAProductNameNameNoProduct() {
        for (String fixture : new String[]{WindowsFixtures.NETWORK_AGENT, WindowsFixtures.SERVER}) {
            KasperskyRegistry.Result result = parse(fixture);
            assertThat(result.products()).as(fixture).isEmpty();
            assertThat(result.signaturesUpdatedAt()).as(fixture).isNull();
        }
        assertThat(parse(WindowsFixtures.SERVER).keys()).extracting(Evidence::name)
                .containsExactly(ROOT, ROOT + "\\Components", ROOT + "\\WSEE");
        assertThat(parse(WindowsFixtures.NETWORK_AGENT).keys()).extracting(Evidence::name)
                .containsExactly(ROOT, ROOT + "\\Components");
    }

    @Test
    void aProductThatNeverUpdatedHasNoSignatureDate() {
        KasperskyRegistry.Result never = KasperskyRegistry.parse("{\"Path\":\"HKLM\\\\SOFTWARE\\\\KasperskyLab\\\\protected\\\\KES.21.8\","
                + "\"ProductName\":\"Kaspersky Endpoint Security for Windows\",\"LastSuccessfulUpdate\":-1}");

        assertThat(never.products()).hasSize(1);
        assertThat(never.signaturesUpdatedAt()).isNull();
    }

    @Test
    void noKasperskyKeyIsAnEmptyResult() {
        for (String fixture : new String[]{WindowsFixtures.CLEAN, WindowsFixtures.DECOYS, WindowsFixtures.SINGLE_OBJECTS}) {
            KasperskyRegistry.Result result = parse(fixture);
            assertThat(result.keys()).as(fixture).isEmpty();
            assertThat(result.products()).as(fixture).isEmpty();
            assertThat(result.signaturesUpdatedAt()).as(fixture).isNull();
        }
    }

    @Test
    void aProductNamedTwiceIsOneProductAndTheNewestUpdateWins() {
        KasperskyRegistry.Result result = KasperskyRegistry.parse("[{\"Path\":\"HKLM\\\\SOFTWARE\\\\KasperskyLab\\\\AVP21.17\","
                + "\"ProductName\":\"Kaspersky Plus\",\"LastSuccessfulUpdate\":1700000000},"
                + "{\"Path\":\"HKLM\\\\SOFTWARE\\\\WOW6432Node\\\\KasperskyLab\\\\AVP21.17\",\"ProductName\":\"KASPERSKY PLUS\","
                + "\"LastSuccessfulUpdate\":\"1726703232\"},{\"Path\":null,\"ProductName\":\"No key\"},"
                + "{\"Path\":\"HKLM\\\\SOFTWARE\\\\KasperskyLab\\\\x\",\"LastSuccessfulUpdate\":0}]");

        assertThat(result.keys()).hasSize(3);
        assertThat(result.products()).extracting(KasperskyRegistry.NamedProduct::name).containsExactly("Kaspersky Plus");
        assertThat(result.signaturesUpdatedAt()).isEqualTo(Instant.ofEpochSecond(1726703232));
    }
}
