package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Software;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Findings come most serious first, and in the pack's order within a level, for every reader alike. */
class FindingOrderTest {
    private final RuleEngine engine = new RuleEngine(RuleSet.builtIn(),
            Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));

    @Test
    void mostSeriousFirstThenInPackOrderWhateverOrderTheTracesCameIn() {
        // Traces in this order: UltraAV, Network Agent's leftover configuration (a remnant), kav4fs's folder
        // (a remnant), then kesl's running process (an install). The pack lists kesl, kav4fs, ..., klnagent.
        List<Software> software = List.of(
                new Software("UltraAV", "1.2", "Pango Inc.", "dpkg", Software.MACHINE, null, null, null, null));
        List<Evidence> observations = List.of(
                new Evidence(EvidenceKind.PACKAGE_RESIDUE, "dpkg", "klnagent64", null, "deinstall ok config-files"),
                Evidence.of(EvidenceKind.PATH, "path", "/opt/kaspersky/kav4fs"),
                Evidence.of(EvidenceKind.PROCESS, "proc", "kesl"));
        Inventory inv = ReportBuilder.report().software(software).observations(observations).inventory();

        List<Finding> findings = engine.evaluate(inv, engine.securityProducts(inv), "us-federal", LocalDate.of(2026, 11, 24));

        assertThat(findings).extracting(Finding::ruleId, Finding::level).containsExactly(
                tuple("kaspersky-us:kesl", Level.VIOLATION),
                tuple("kaspersky-us:kav4fs", Level.RISK),
                tuple("kaspersky-us:klnagent", Level.RISK),
                tuple("kaspersky-us:ultraav", Level.INFO));
    }
}
