package io.banwatch.agent.inventory.macos;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;

/**
 * One system extension, as sysextd's database or {@code systemextensionsctl list} describes it.
 *
 * @param identifier the extension's bundle id, e.g. {@code com.kaspersky.kav.sysext}
 * @param teamId     the Apple developer team that signed it, or null
 * @param state      sysextd's state name, e.g. {@code activated_enabled}, or null
 * @param location   where it was installed from (inside its app), or null when not known
 */
record SystemExtension(String identifier, String teamId, String state, String location) {

    /**
     * As evidence. The detail is always {@code teamID=<team> state=<state>} ("-" when unknown):
     * rules recognise a vendor by its team id in that text.
     */
    Evidence toEvidence(String source) {
        return new Evidence(EvidenceKind.SYSTEM_EXTENSION, source, identifier, location,
                "teamID=" + orDash(teamId) + " state=" + orDash(state));
    }

    private static String orDash(String value) {
        return value == null || value.isBlank() ? "-" : value;
    }
}
