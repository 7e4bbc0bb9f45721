package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.OsInfo;
import io.banwatch.model.SecurityProduct;
import io.banwatch.testkit.Samples;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The collector's engine skips packages no signal looks at, remembering which they are: its
 * findings and security products must be exactly the plain engine's, cold and warm, with a cache
 * that overflows, on every OS, profile and milestone.
 */
class FleetEngineTest {
    private static final RuleSet RULES = RuleSet.builtIn();
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T12:00:00Z"), ZoneOffset.UTC);
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2017, 9, 12), LocalDate.of(2017, 12, 12),
            LocalDate.of(2018, 10, 1), LocalDate.of(2024, 7, 19), LocalDate.of(2024, 7, 20), LocalDate.of(2024, 9, 19),
            LocalDate.of(2024, 9, 29), LocalDate.of(2026, 12, 2));

    @Test
    void findsExactlyWhatThePlainEngineFindsColdWarmAndWithAnOverflowingCache() {
        RuleEngine plain = new RuleEngine(RULES, CLOCK);
        RuleEngine fleet = RuleEngine.forFleet(RULES, CLOCK, 10_000);
        RuleEngine tiny = RuleEngine.forFleet(RULES, CLOCK, 3);
        int judged = 0;
        int withFindings = 0;
        for (int round = 0; round < 2; round++) {
            for (Inventory inv : inventories()) {
                List<SecurityProduct> expectedProducts = plain.securityProducts(inv);
                assertThat(fleet.securityProducts(inv)).isEqualTo(expectedProducts);
                assertThat(tiny.securityProducts(inv)).isEqualTo(expectedProducts);
                for (String profile : RULES.profiles()) {
                    for (LocalDate date : DATES) {
                        List<Finding> expected = plain.evaluate(inv, expectedProducts, profile, date);
                        assertThat(fleet.evaluate(inv, expectedProducts, profile, date))
                                .as("%s %s %s", inv.host().hostname(), profile, date).isEqualTo(expected);
                        assertThat(tiny.evaluate(inv, expectedProducts, profile, date)).isEqualTo(expected);
                        judged++;
                        withFindings += expected.isEmpty() ? 0 : 1;
                    }
                }
            }
        }
        assertThat(withFindings).as("the inventories exercise the rules").isGreaterThan(judged / 2);
    }

    /** A package that satisfies a requirement matters though no product or catalog signal names it. */
    @Test
    void aPackageOnlyARequirementLooksAtStillSatisfiesIt() {
        String pack = """
                {"id": "acme-agent", "title": "ACME requires its agent", "version": "1", "timeZone": "UTC",
                 "vendor": {"name": "ACME IT"},
                 "citations": [{"id": "policy", "title": "ACME IT policy"}],
                 "milestones": [{"id": "required", "date": "2020-01-01", "title": "required", "citation": "policy"}],
                 "requirements": [{"id": "agent", "name": "the ACME agent", "profiles": ["us-private"],
                   "from": "required", "level": "RISK", "message": "The ACME agent is missing since {since}.",
                   "signals": [{"kind": "software", "names": ["acme-inventory-agent"]}]}]}
                """;
        RuleSet rules = RuleSet.builtIn().withPack(new java.io.ByteArrayInputStream(
                pack.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "acme-agent.json");
        Inventory with = inventory("linux", List.of(Samples.deb("acme-inventory-agent", "3.1", "ACME IT"),
                Samples.deb("bash", "5.2", "Debian")), List.of());
        Inventory without = inventory("linux", List.of(Samples.deb("bash", "5.2", "Debian")), List.of());
        LocalDate on = LocalDate.of(2026, 12, 2);
        RuleEngine plain = new RuleEngine(rules, CLOCK);
        RuleEngine fleet = RuleEngine.forFleet(rules, CLOCK, 100);
        for (Inventory inv : List.of(with, without, with)) {
            assertThat(fleet.evaluate(inv, List.of(), "us-private", on))
                    .isEqualTo(plain.evaluate(inv, List.of(), "us-private", on));
        }
        assertThat(fleet.evaluate(with, List.of(), "us-private", on)).noneMatch(f -> f.ruleId().startsWith("acme-agent:"));
        assertThat(fleet.evaluate(without, List.of(), "us-private", on)).anyMatch(f -> f.ruleId().equals("acme-agent:agent"));
    }

    private static List<Inventory> inventories() {
        List<Software> common = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            common.add(Samples.deb("lib-common-" + i, "1." + i, "Debian"));
        }
        List<Inventory> out = new ArrayList<>();
        out.add(inventory("linux", with(common, Samples.deb("kesl", "12.1.0.1297", "AO Kaspersky Lab"),
                Samples.deb("kics", "1.7.13", "Checkmarx <kics@checkmarx.com>"),
                Samples.deb("kes\u200Bl", "12.1.0.1297", "Packager <p@example.org>"),
                Samples.deb("clamav-daemon", "1.0.7", "ClamAV Team")),
                List.of(new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", null),
                        new Evidence(EvidenceKind.PROCESS, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null))));
        out.add(inventory("linux", common, List.of(
                new Evidence(EvidenceKind.PACKAGE_RESIDUE, "dpkg", "klnagent64", null, "deinstall ok config-files"))));
        out.add(inventory("windows", with(common,
                Samples.app("Kaspersky Endpoint Security для Windows", "АО «Лаборатория Касперского»", "windows-uninstall"),
                Samples.app("Some Tool", "Kaspersky Lab ZAO", "windows-uninstall"),
                Samples.app("UltraAV", "Pango Inc.", "windows-uninstall"),
                Samples.app("UltraEdit", "IDM", "windows-uninstall"),
                Samples.app("CrowdStrike Windows Sensor", "CrowdStrike, Inc.", "windows-uninstall")),
                List.of(new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klif", null, "Stopped System"))));
        out.add(inventory("windows", with(common, Samples.app("UltraAV", "Pango Inc.", "windows-uninstall")), List.of()));
        out.add(inventory("macos", with(common, Samples.app("Kaspersky Internet Security", "Kaspersky Lab", "macos-apps")),
                List.of(new Evidence(EvidenceKind.SYSTEM_EXTENSION, "system-extensions", "com.kaspersky.kav.sysext", null,
                        "activated enabled"))));
        // The same package on two OSes: a signal may be for one OS only.
        out.add(inventory("macos", with(common, Samples.deb("kesl", "12.1.0.1297", "AO Kaspersky Lab")), List.of()));
        return out;
    }

    private static List<Software> with(List<Software> common, Software... more) {
        List<Software> all = new ArrayList<>(common);
        all.addAll(List.of(more));
        return all;
    }

    private static Inventory inventory(String os, List<Software> software, List<Evidence> observations) {
        Host host = new Host("host-" + os + software.size(), "ws-" + os + "-" + software.size() + "-" + observations.size(),
                new OsInfo(os, os, "1", null), "x86_64", null);
        return new Inventory(host, software, observations, List.of(), List.of());
    }
}
