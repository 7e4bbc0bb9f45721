package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.SecurityProduct;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Which traces make a security product, in particular Windows's own services that every machine has. */
class SecurityProductDetectorTest {
    private final RuleEngine engine = new RuleEngine(RuleSet.builtIn(),
            Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));
    private static final String ONBOARDING_KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection\\Status";

    private List<String> products(Evidence... observations) {
        Inventory inv = ReportBuilder.report()
                .host(Samples.host("windows"))
                .observations(List.of(observations))
                .inventory();
        return engine.securityProducts(inv).stream().map(p -> p.product() + " (" + p.kind() + ")").toList();
    }

    private static Evidence sense(String state) {
        return new Evidence(EvidenceKind.SERVICE, "windows-services", "Sense",
                "\"C:\\Program Files\\Windows Defender Advanced Threat Protection\\MsSense.exe\"", state);
    }

    private static Evidence onboarding(String source, String detail) {
        return new Evidence(EvidenceKind.REGISTRY_KEY, source, ONBOARDING_KEY, null, detail);
    }

    @Test
    void theSensorServiceOfAMachineNeverOnboardedIsNoDefenderForEndpoint() {
        assertThat(products(sense("Stopped Manual"))).isEmpty();
        assertThat(products(sense("Stopped Disabled"))).isEmpty();
        assertThat(products(sense("Stopped Manual"), onboarding("windows-defender-endpoint", "OnboardingState=0"))).isEmpty();
    }

    @Test
    void onboardingARunningSensorOrItsProcessIsDefenderForEndpoint() {
        assertThat(products(sense("Running Auto"))).containsExactly("Microsoft Defender for Endpoint (edr)");
        assertThat(products(sense("Stopped Manual"), onboarding("windows-defender-endpoint", "OnboardingState=1")))
                .containsExactly("Microsoft Defender for Endpoint (edr)");
        assertThat(products(Evidence.of(EvidenceKind.PROCESS, "windows-processes", "MsSense")))
                .containsExactly("Microsoft Defender for Endpoint (edr)");
    }

    @Test
    void onlyTheSensorsOwnOnboardingValueCounts() {
        // The same text read from another key (a Kaspersky key's detail) is not the onboarding state.
        assertThat(products(onboarding("windows-registry", "OnboardingState=1"))).isEmpty();
    }

    @Test
    void aStoppedSensorIsNotNamedAsAProductPresentButInactive() {
        Inventory inv = ReportBuilder.report()
                .host(Samples.host("windows"))
                .observations(List.of(sense("Stopped Manual"),
                new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klif", null, "Stopped System"))).inventory();
        List<SecurityProduct> products = engine.securityProducts(inv);
        List<Finding> findings = engine.evaluate(inv, products, "us-federal", LocalDate.of(2026, 11, 24));
        assertThat(findings).extracting(Finding::ruleId)
                .containsExactly("kaspersky-us:kaspersky-other", "kaspersky-us:unprotected-after-removal");
        assertThat(findings.get(1).message()).isEqualTo("Kaspersky was removed (only remnants are left) and no other"
                + " antivirus or EDR is active on this host.");
    }
}
