package io.banwatch.model;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Evidence writes out equals and hashCode (for start-up); they must keep the record's meaning. */
class EvidenceTest {
    private final Evidence kesl = new Evidence(EvidenceKind.PROCESS, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null);

    @Test
    void equalWhenEveryComponentIsEqual() {
        Evidence same = new Evidence(EvidenceKind.PROCESS, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null);
        assertThat(same).isEqualTo(kesl).hasSameHashCodeAs(kesl);
        assertThat(Evidence.of(EvidenceKind.PATH, "probe", "/opt/kaspersky"))
                .isEqualTo(Evidence.of(EvidenceKind.PATH, "probe", "/opt/kaspersky"));
    }

    @Test
    void differsWhenAnyComponentDiffers() {
        List<Evidence> others = List.of(
                new Evidence(EvidenceKind.SERVICE, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null),
                new Evidence(EvidenceKind.PROCESS, "ps", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null),
                new Evidence(EvidenceKind.PROCESS, "proc", "klnagent", "/opt/kaspersky/kesl/libexec/kesl", null),
                new Evidence(EvidenceKind.PROCESS, "proc", "kesl", null, null),
                new Evidence(EvidenceKind.PROCESS, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", "running"));
        for (Evidence other : others) {
            assertThat(other).isNotEqualTo(kesl);
            assertThat(kesl).isNotEqualTo(other);
        }
        assertThat(kesl).isNotEqualTo(null).isNotEqualTo("kesl");
    }

    @Test
    void deduplicatesInASetKeepingTheFirst() {
        Set<Evidence> set = new LinkedHashSet<>(List.of(kesl,
                new Evidence(EvidenceKind.PROCESS, "proc", "bash", "/usr/bin/bash", null),
                new Evidence(EvidenceKind.PROCESS, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null)));
        assertThat(set).hasSize(2).first().isSameAs(kesl);
    }
}
