package io.banwatch.model;

import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryHashTest {
    private final List<Software> software = List.of(
            Samples.deb("bash", "5.2.15", "Matthias Klose"),
            Samples.deb("kesl", "12.1.0.1297", "AO Kaspersky Lab"));
    private final List<Evidence> units = List.of(
            new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", null));

    @Test
    void doesNotDependOnOrder() {
        List<Software> reversed = new ArrayList<>(software);
        Collections.reverse(reversed);
        assertThat(InventoryHash.of(reversed, List.of(), units)).isEqualTo(InventoryHash.of(software, List.of(), units));
    }

    @Test
    void changesWhenAVersionChanges() {
        List<Software> upgraded = List.of(software.get(0), Samples.deb("kesl", "12.2.0.2412", "AO Kaspersky Lab"));
        assertThat(InventoryHash.of(upgraded, List.of(), units)).isNotEqualTo(InventoryHash.of(software, List.of(), units));
    }

    @Test
    void ignoresRunningProcessesWhichChangeFromScanToScan() {
        List<Evidence> withProcess = new ArrayList<>(units);
        withProcess.add(Evidence.of(EvidenceKind.PROCESS, "proc", "firefox-esr"));
        assertThat(InventoryHash.of(software, List.of(), withProcess)).isEqualTo(InventoryHash.of(software, List.of(), units));
    }

    @Test
    void tabsInsideValuesCannotForgeAnotherInventory() {
        List<Software> a = List.of(Samples.deb("a\tb", "1", null));
        List<Software> b = List.of(Samples.deb("a", "b\t1", null));
        assertThat(InventoryHash.of(a, List.of(), List.of())).isNotEqualTo(InventoryHash.of(b, List.of(), List.of()));
    }
}
