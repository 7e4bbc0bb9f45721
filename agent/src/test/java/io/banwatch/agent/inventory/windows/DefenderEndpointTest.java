package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import org.junit.jupiter.api.Test;

import static io.banwatch.agent.inventory.windows.WindowsFixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class DefenderEndpointTest {
    private static final String KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection\\Status";

    @Test
    void anOnboardedMachineReportsOnboardingState1() {
        assertThat(DefenderEndpoint.parse(json(WindowsFixtures.MDE_ONBOARDED, "defender-endpoint")))
                .extracting(Evidence::kind, Evidence::source, Evidence::name, Evidence::detail)
                .containsExactly(tuple(EvidenceKind.REGISTRY_KEY, "windows-defender-endpoint", KEY, "OnboardingState=1"));
    }

    @Test
    void anOffboardedMachineReports0AndOneNeverOnboardedHasNoKey() {
        assertThat(DefenderEndpoint.parse(json(WindowsFixtures.MDE_NOT_ONBOARDED, "defender-endpoint")))
                .extracting(Evidence::detail).containsExactly("OnboardingState=0");
        assertThat(DefenderEndpoint.parse(json(WindowsFixtures.CLEAN, "defender-endpoint"))).isEmpty();
    }

    @Test
    void aKeyWithoutTheValueIsReportedWithoutADetailAndNonsenseIsAnError() {
        assertThat(DefenderEndpoint.parse("{\"OnboardingState\":null}")).extracting(Evidence::name, Evidence::detail)
                .containsExactly(tuple(KEY, null));
        assertThatThrownBy(() -> DefenderEndpoint.parse("{\"OnboardingState\":")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("malformed JSON");
    }
}
