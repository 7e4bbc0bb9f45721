package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.inventory.RecordedCommands;
import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.SecurityProduct;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.banwatch.agent.inventory.macos.MacFixtures.ran;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

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
        return judge(collect(MacFixtures.scenario(scenario)));
    }

    /** The commands a live scan asks for the Mac's name and hardware UUID, answered as a MacBook does. */
    private static RecordedCommands liveMac() {
        return new RecordedCommands().answers(MacHost.LOCAL_HOST_NAME, ran("Alices-MacBook-Pro\n"))
                .prints(IoregPlatform.COMMAND, "macos/commands/ioreg-platform.txt");
    }

    private Inventory collect(Path root) {
        return new MacInventorySource(root, false, new RecordedCommands(), rules.pathsToProbe("macos")).read();
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        RecordedCommands commands = liveMac().prints(PsProcesses.COMMAND, "macos/commands/ps-axo-comm-kav.txt");
        Judged kav = judge(new MacInventorySource(MacFixtures.scenario("kav-for-mac"), true, commands,
                rules.pathsToProbe("macos")).read());

        assertThat(kav.findings()).singleElement().satisfies(f -> assertThat(f.evidence())
                .extracting(MacJudgementTest::trace)
                .contains("process kav", "process kav_agent", "process kav_app")
                .doesNotContain("process launchd", "process Google Chrome"));
        assertThat(kav.products()).singleElement().satisfies(p -> assertThat(p.active()).isTrue());
    }

    @Test
    void kesForMacAndItsRunnableNetworkAgentAreTwoInstalledViolations() {
        Judged kes = judge("kes-mac-with-agent");

        // The agent has no app bundle; its daemon's binary on the disk is what proves the install.
        assertThat(kes.findings()).extracting(Finding::ruleId, Finding::presence, Finding::level).containsExactly(
                tuple("kaspersky-us:kes-mac", Presence.INSTALLED, Level.VIOLATION),
                tuple("kaspersky-us:klnagent", Presence.INSTALLED, Level.VIOLATION));
        assertThat(kes.finding("kaspersky-us:kes-mac").product()).isEqualTo("Kaspersky Endpoint Security for Mac");
        assertThat(kes.finding("kaspersky-us:kes-mac").evidence()).extracting(MacJudgementTest::trace).contains(
                "software Kaspersky Endpoint Security for Mac", "software com.kaspersky.kav.core",
                "system-extension com.kaspersky.kav.sysext", "launchd-job com.kaspersky.kav");
        assertThat(kes.finding("kaspersky-us:klnagent").product()).isEqualTo("Kaspersky Security Center Network Agent");
        assertThat(kes.finding("kaspersky-us:klnagent").message())
                .startsWith("Kaspersky Security Center Network Agent is installed.");
    }

    @Test
    void aNetworkAgentWhoseBinaryIsGoneIsOnlyARemnant(@TempDir Path tmp) {
        Path mac = MacFixtures.copy("kes-mac-with-agent", tmp);
        delete(mac.resolve("Library/Application Support/Kaspersky Lab/klnagent/Binaries/klnagent"));

        Judged kes = judge(collect(mac));

        // Receipt, daemon plist and folder outlive an uninstall: without the binary they prove nothing more.
        assertThat(kes.findings()).extracting(Finding::ruleId, Finding::presence, Finding::level).containsExactly(
                tuple("kaspersky-us:kes-mac", Presence.INSTALLED, Level.VIOLATION),
                tuple("kaspersky-us:klnagent", Presence.REMNANT, Level.RISK));
    }

    @Test
    void theRussianBuildWithCyrillicBundleNamesIsKasperskyAntiVirusInViolation() {
        Judged kav = judge("kav-russian");

        Finding f = onlyFinding(kav, "kaspersky-us:kav-mac", Presence.INSTALLED, Level.VIOLATION,
                "software Антивирус Касперского",
                "software com.kaspersky.kav.core", "software com.kaspersky.kav.webav",
                "launchd-job com.kaspersky.kav", "launchd-job com.kaspersky.sysextctrld", "launchd-job com.kaspersky.kav.gui",
                "system-extension com.kaspersky.kav.sysext",
                "path /Library/Application Support/Kaspersky Lab/KAV",
                "path /Applications/Kaspersky Anti-Virus For Mac.app",
                "path /Library/Application Support/Kaspersky Lab");
        assertThat(f.product()).isEqualTo("Kaspersky Anti-Virus for Mac");
        assertThat(f.vendor()).isEqualTo("Kaspersky");
        assertThat(f.milestone()).isEqualTo("ndaa-1634-effective");
        assertThat(f.message()).startsWith("Kaspersky Anti-Virus for Mac is installed.");
        assertThat(kav.products()).extracting(SecurityProduct::product, SecurityProduct::version)
                .containsExactly(tuple("Kaspersky security product", "21.24.1.21"));
    }

    @Test
    void theNetworkAgentAloneIsOneInstalledViolationAndNoUnprotectedNotice() {
        Judged agent = judge("network-agent-only");

        Finding f = onlyFinding(agent, "kaspersky-us:klnagent", Presence.INSTALLED, Level.VIOLATION,
                "software com.kaspersky.klnagent.core", "launchd-job com.kaspersky.klnagent",
                "path /Library/Application Support/Kaspersky Lab/klnagent", "path /Library/Application Support/Kaspersky Lab");
        assertThat(f.product()).isEqualTo("Kaspersky Security Center Network Agent");
        assertThat(f.milestone()).isEqualTo("ndaa-1634-effective");
    }

    @Test
    void forAPrivateUserTheNetworkAgentAloneIsAnInstalledRisk() {
        Inventory inventory = collect(MacFixtures.scenario("network-agent-only"));
        List<Finding> findings = engine.evaluate(inventory, engine.securityProducts(inventory), "us-private", ON);

        assertThat(findings).extracting(Finding::ruleId, Finding::presence, Finding::level, Finding::milestone)
                .containsExactly(tuple("kaspersky-us:klnagent", Presence.INSTALLED, Level.RISK, "bis-updates-end"));
    }

    @Test
    void onALiveScanTheRunningNetworkAgentProvesTheInstallEvenWithoutItsDaemonPlist(@TempDir Path tmp) {
        Path mac = MacFixtures.copy("network-agent-only", tmp);
        delete(mac.resolve("Library/LaunchDaemons/com.kaspersky.klnagent.plist"));
        RecordedCommands commands = liveMac().answers(PsProcesses.COMMAND,
                ran("/sbin/launchd\n/Library/Application Support/Kaspersky Lab/klnagent/Binaries/klnagent\n"));

        Judged agent = judge(new MacInventorySource(mac, true, commands, rules.pathsToProbe("macos")).read());

        assertThat(agent.findings()).extracting(Finding::ruleId, Finding::presence, Finding::level)
                .containsExactly(tuple("kaspersky-us:klnagent", Presence.INSTALLED, Level.VIOLATION));
        assertThat(agent.findings().get(0).evidence()).extracting(MacJudgementTest::trace).contains("process klnagent");
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
