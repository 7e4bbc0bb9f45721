package io.banwatch.agent.inventory.windows;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

import java.util.List;

/**
 * Whether the machine is onboarded to Microsoft Defender for Endpoint. Windows ships the sensor
 * (the {@code Sense} service) on every Windows 10/11 and Server 2019+ machine, stopped until the
 * machine joins a tenant, so the service alone proves nothing; the sensor's own onboarding state
 * does. It lives in the registry value
 * {@code HKLM\SOFTWARE\Microsoft\Windows Advanced Threat Protection\Status\OnboardingState}
 * (REG_DWORD, 1 = onboarded), which the service writes when it first starts; Microsoft's
 * Configuration Manager guide monitors exactly this value (MicrosoftDocs/defender-docs,
 * defender-endpoint/configure-endpoints-sccm.md).
 *
 * <p>Recorded {@code defender-endpoint} section: {@code {"OnboardingState":1}} on an onboarded
 * machine, {@code {"OnboardingState":0}} after an offboarding, an empty line where the key does
 * not exist (never onboarded).
 */
final class DefenderEndpoint {
    static final String SECTION = "defender-endpoint";
    static final String SOURCE = "windows-defender-endpoint";
    static final String STATUS_KEY = "HKLM\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection\\Status";

    private DefenderEndpoint() {
    }

    /**
     * The status key as REGISTRY_KEY evidence whose detail is {@code OnboardingState=<value>}
     * (the catalog's Defender for Endpoint entry looks for {@code OnboardingState=1}); none when the
     * key does not exist.
     */
    static List<Evidence> parse(String json) {
        return PowerShellJson.each(json, entry -> {
            Long state = PowerShellJson.number(entry, "OnboardingState");
            return new Evidence(EvidenceKind.REGISTRY_KEY, SOURCE, STATUS_KEY, null,
                    state == null ? null : "OnboardingState=" + state);
        });
    }
}
