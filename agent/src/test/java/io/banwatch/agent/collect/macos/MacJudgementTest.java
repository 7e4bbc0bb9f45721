package io.banwatch.agent.collect.macos;

import io.banwatch.agent.collect.CommandRunner;
import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.SecurityProduct;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.banwatch.agent.collect.macos.MacFixtures.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Each recorded Mac, collected and judged by the built-in rules as a US federal agency on 2026-11-24. */
class MacJudgementTest {
    private static final LocalDate ON = LocalDate.of(2026, 11, 24);

    private final RuleSet rules = RuleSet.builtIn();
    private final RuleEngine engine = new RuleEngine(rules, Clock.fixed(Instant.parse("2026-11-24T17:00:00Z"), ZoneOffset.UTC));

    /** A collected Mac and what the rules made of it. */
    private record Judged(Inventory inventory, List<SecurityProduct> products, List<Finding> findings) {
        Finding finding(String ruleId) {
            return findings.stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
        }
    }

    private Judged judge(String scenario) {
        return judge(new MacCollector(MacFixtures.scenario(scenario), false, mock(CommandRunner.class),
                rules.pathsToProbe("macos")).collect());
    }

    private Judged judge(Inventory inventory) {
        List<SecurityProduct> products = engine.securityProducts(inventory);
        return new Judged(inventory, products, engine.evaluate(inventory, products, "us-federal", ON));
    }

    @Test
    void kasperskyAntiVirusForMacIsOneInstalledProductInViolation() {
        Judged kav = judge("kav-for-mac");

        Finding f = onlyFinding(kav, "kaspersky-us:kav-mac", Presence.INSTALLED, Level.VIOLATION,
                "software Kaspersky Anti-Virus For Mac",
                "software com.kaspersky.kav.core", "software com.kaspersky.kav.webav",
                "launchd-job com.kaspersky.kav", "launchd-job com.kaspersky.sysextctrld", "launchd-job com.kaspersky.kav.gui",
                "system-extension com.kaspersky.kav.sysext",
                "path /Library/Application Support/Kaspersky Lab/KAV",
                "path /Applications/Kaspersky Anti-Virus For Mac.app",
                "path /Library/Application Support/Kaspersky Lab");
        assertThat(f.product()).isEqualTo("Kaspersky Anti-Virus for Mac");
        assertThat(f.milestone()).isEqualTo("ndaa-1634-effective");
        assertThat(kav.products()).extracting(SecurityProduct::product, SecurityProduct::version)
                .containsExactly(tuple("Kaspersky security product", "21.24.1.21"));
    }

    @Test
    void whileItRunsKasperskyIsAnActiveSecurityProductAndItsProcessesAreEvidence() {
        CommandRunner runner = MacFixtures.failingRunner();
        when(runner.run(eq(PsProcesses.COMMAND), isNull(), any(Duration.class)))
                .thenReturn(ran(MacFixtures.text("commands/ps-axo-comm-kav.txt")));
        Judged kav = judge(new MacCollector(MacFixtures.scenario("kav-for-mac"), true, runner,
                rules.pathsToProbe("macos")).collect());

        assertThat(kav.findings()).singleElement().satisfies(f -> assertThat(f.evidence())
                .extracting(MacJudgementTest::trace)
                .contains("process kav", "process kav_agent", "process kav_app")
                .doesNotContain("process launchd", "process Google Chrome"));
        assertThat(kav.products()).singleElement().satisfies(p -> assertThat(p.active()).isTrue());
    }

    @Test
    void kesForMacAndItsNetworkAgentAreTwoFindings() {
        Judged kes = judge("kes-mac-with-agent");

        assertThat(kes.findings()).extracting(Finding::ruleId, Finding::presence, Finding::level).containsExactly(
                tuple("kaspersky-us:kes-mac", Presence.INSTALLED, Level.VIOLATION),
                tuple("kaspersky-us:klnagent", Presence.REMNANT, Level.RISK));
        assertThat(kes.finding("kaspersky-us:kes-mac").product()).isEqualTo("Kaspersky Endpoint Security for Mac");
        assertThat(kes.finding("kaspersky-us:kes-mac").evidence()).extracting(MacJudgementTest::trace).contains(
                "software Kaspersky Endpoint Security for Mac", "software com.kaspersky.kav.core",
                "system-extension com.kaspersky.kav.sysext", "launchd-job com.kaspersky.kav");
        assertThat(kes.finding("kaspersky-us:klnagent").product()).isEqualTo("Kaspersky Security Center Network Agent");
        assertThat(kes.finding("kaspersky-us:klnagent").evidence()).extracting(MacJudgementTest::trace)
                .contains("path /Library/Application Support/Kaspersky Lab/klnagent");
    }

    @Test
    void theNetworkAgentFindingCarriesItsOwnReceiptAndDaemon() {
        Judged kes = judge("kes-mac-with-agent");

        assertThat(kes.finding("kaspersky-us:klnagent").evidence()).extracting(MacJudgementTest::trace).containsExactly(
                "software com.kaspersky.klnagent.core", "launchd-job com.kaspersky.klnagent",
                "path /Library/Application Support/Kaspersky Lab/klnagent");
        assertThat(kes.finding("kaspersky-us:kes-mac").evidence()).extracting(MacJudgementTest::trace)
                .doesNotContain("software com.kaspersky.klnagent.core", "launchd-job com.kaspersky.klnagent");
    }

    @Test
    void everyKasperskyLeftoverIsEvidenceAndNoKasperskyAppIsInstalled() {
        Judged remnants = judge("kaspersky-remnants");

        assertThat(remnants.inventory().software()).filteredOn(s -> s.source().equals("macos-app"))
                .extracting(s -> s.name()).containsExactly("Slack");
        assertThat(remnants.findings()).isNotEmpty().allSatisfy(f -> assertThat(f.vendor()).isEqualTo("Kaspersky"));
        assertThat(remnants.finding("kaspersky-us:kav-mac").evidence()).extracting(MacJudgementTest::trace)
                .containsExactlyInAnyOrder(
                        "software com.kaspersky.kav.core", "launchd-job com.kaspersky.kav",
                        "kernel-extension com.kaspersky.kext.klif",
                        "path /Library/Application Support/Kaspersky Lab/KAV", "path /Library/Application Support/Kaspersky Lab");
    }

    @Test
    void kasperskyRemnantsAreOneRemnantAtRiskAndTheMacIsUnprotected() {
        Judged remnants = judge("kaspersky-remnants");

        assertThat(remnants.findings()).extracting(Finding::ruleId, Finding::presence, Finding::level).containsExactly(
                tuple("kaspersky-us:kav-mac", Presence.REMNANT, Level.RISK),
                tuple("kaspersky-us:unprotected-after-removal", Presence.REMNANT, Level.RISK));
        assertThat(remnants.finding("kaspersky-us:kav-mac").evidence()).extracting(MacJudgementTest::trace).containsExactly(
                "software com.kaspersky.kav.core", "launchd-job com.kaspersky.kav", "kernel-extension com.kaspersky.kext.klif",
                "path /Library/Application Support/Kaspersky Lab/KAV", "path /Library/Application Support/Kaspersky Lab");
    }

    @Test
    void ultraAvIsAnInformationalFindingNotKaspersky() {
        Judged ultra = judge("ultraav-mac");
        assertThat(ultra.findings()).extracting(Finding::ruleId, Finding::vendor, Finding::level)
                .containsExactly(tuple("kaspersky-us:ultraav", "Pango", Level.INFO));
        assertThat(ultra.products()).extracting(SecurityProduct::vendor, SecurityProduct::product)
                .containsExactly(tuple("Pango (UltraAV)", "UltraAV"));
    }

    @Test
    void lookAlikeNamesPrefixesAndTeamIdAreNotKaspersky() {
        Judged decoys = judge("decoys");
        assertThat(decoys.inventory().observations()).extracting(Evidence::detail)
                .contains("teamID=2Y8XE5CQ49 state=activated_enabled");
        assertThat(decoys.findings()).isEmpty();
        assertThat(decoys.products()).isEmpty();
    }

    @Test
    void aCleanMacHasNoFindingsAndCrowdStrikeFalconAsItsSecurityProduct() {
        Judged clean = judge("clean-sonoma");
        assertThat(clean.findings()).isEmpty();
        assertThat(clean.products()).singleElement().satisfies(p -> {
            assertThat(p.product()).isEqualTo("CrowdStrike Falcon");
            assertThat(p.version()).isEqualTo("7.18");
            assertThat(p.evidence()).extracting(MacJudgementTest::trace).containsExactly(
                    "software Falcon", "software com.crowdstrike.falcon.sensor",
                    "system-extension com.crowdstrike.falcon.Agent", "path /Applications/Falcon.app");
        });
    }

    @Test
    void aKasperskyBundleWithAnUnreadableInfoPlistIsStillFoundByItsPath() {
        Judged broken = judge("broken");
        assertThat(broken.findings()).extracting(Finding::ruleId, Finding::presence, Finding::level).containsExactly(
                tuple("kaspersky-us:kav-mac", Presence.REMNANT, Level.RISK),
                tuple("kaspersky-us:unprotected-after-removal", Presence.REMNANT, Level.RISK));
        assertThat(broken.finding("kaspersky-us:kav-mac").evidence()).extracting(MacJudgementTest::trace)
                .containsExactly("path /Applications/Kaspersky Anti-Virus For Mac.app");
    }

    /** Asserts the host has exactly one finding, with this rule, presence, level and evidence; returns it. */
    private static Finding onlyFinding(Judged judged, String ruleId, Presence presence, Level level, String... traces) {
        assertThat(judged.findings()).extracting(Finding::ruleId, Finding::presence, Finding::level)
                .containsExactly(tuple(ruleId, presence, level));
        Finding f = judged.findings().get(0);
        assertThat(f.evidence()).extracting(MacJudgementTest::trace).containsExactly(traces);
        return f;
    }

    private static String trace(Evidence e) {
        return e.kind().jsonName() + " " + e.name();
    }
}
