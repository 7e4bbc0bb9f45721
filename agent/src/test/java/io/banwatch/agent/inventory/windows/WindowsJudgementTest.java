package io.banwatch.agent.inventory.windows;

import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.SecurityProduct;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the built-in Kaspersky US rules make of each recorded Windows machine: the collector's
 * inventory judged by the real rule engine for a federal agency on 2026-11-24, when every install is
 * a violation (NDAA section 1634) and every remnant a risk.
 */
class WindowsJudgementTest {
    private static final RuleSet RULES = RuleSet.builtIn();
    private static final LocalDate AS_OF = LocalDate.of(2026, 11, 24);
    private static final RuleEngine ENGINE = new RuleEngine(RULES,
            Clock.fixed(Instant.parse("2026-11-24T15:00:00Z"), ZoneOffset.UTC));
    private static final Instant US_UPDATES_STOPPED = Instant.parse("2024-09-29T04:00:00Z");

    private record Judged(List<SecurityProduct> products, List<Finding> findings) {
        /** "rule level presence", one per finding. */
        List<String> summary() {
            return findings.stream().map(f -> f.ruleId() + " " + f.level() + " " + f.presence()).toList();
        }

        Finding finding(String ruleId) {
            return findings.stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
        }

        SecurityProduct product(String vendor, String kind) {
            return products.stream().filter(p -> p.vendor().equals(vendor) && p.kind().equals(kind)).findFirst().orElseThrow();
        }
    }

    private static Judged judge(String fixture) {
        return judge(WindowsInventorySourceFixturesTest.collect(fixture));
    }

    private static Judged judge(Inventory inventory) {
        List<SecurityProduct> products = ENGINE.securityProducts(inventory);
        return new Judged(products, ENGINE.evaluate(inventory, products, "us-federal", AS_OF));
    }

    /** "kind name" for each piece of a finding's evidence, in its order. */
    private static List<String> traces(Finding finding) {
        return finding.evidence().stream().map(e -> e.kind().jsonName() + " " + e.name()).toList();
    }

    private static List<String> evidence(Finding finding, EvidenceKind kind) {
        return finding.evidence().stream().filter(e -> e.kind() == kind).map(Evidence::name).toList();
    }

    @Test
    void kasperskyEndpointSecurityIsAViolationAndSoIsItsNetworkAgent() {
        Judged kes = judge(WindowsFixtures.KES);

        assertThat(kes.summary()).containsExactly("kaspersky-us:kes-windows VIOLATION INSTALLED",
                "kaspersky-us:klnagent VIOLATION INSTALLED");
        Finding endpoint = kes.finding("kaspersky-us:kes-windows");
        assertThat(endpoint.product()).isEqualTo("Kaspersky Endpoint Security for Windows");
        assertThat(endpoint.milestone()).isEqualTo("ndaa-1634-effective");
        assertThat(endpoint.citation().id()).isEqualTo("ndaa-fy2018-1634");
        assertThat(endpoint.message()).startsWith("Kaspersky Endpoint Security for Windows is installed.");
        assertThat(evidence(endpoint, EvidenceKind.SOFTWARE)).containsExactly("Kaspersky Endpoint Security for Windows");
        assertThat(endpoint.evidence()).filteredOn(e -> e.kind() == EvidenceKind.SECURITY_CENTER).extracting(Evidence::source)
                .containsExactly("wsc-antivirus", "wsc-antispyware", "wsc-firewall");
        // The 13 kernel drivers, the KasperskyLab keys and the helper processes are shared traces: they join the product.
        assertThat(evidence(endpoint, EvidenceKind.DRIVER)).hasSize(13).contains("klif", "klupd_KES-21-9_arkmon", "cm_km");
        assertThat(evidence(endpoint, EvidenceKind.REGISTRY_KEY)).hasSize(4);
        assertThat(evidence(endpoint, EvidenceKind.PROCESS)).containsExactly("avp", "avpsus", "avpui", "vapm");
        assertThat(kes.finding("kaspersky-us:klnagent").evidence()).extracting(Evidence::kind, Evidence::name).containsExactly(
                tuple(EvidenceKind.SOFTWARE, "Kaspersky Security Center Network Agent"),
                tuple(EvidenceKind.SERVICE, "klnagent"),
                tuple(EvidenceKind.PROCESS, "klnagent"));
        // A German company's KES still updates: its databases are newer than the US cut-off.
        assertThat(kes.product("Kaspersky", "antivirus").signaturesUpdatedAt()).isAfter(US_UPDATES_STOPPED);
    }

    @Test
    void theRussianBuildIsJudgedTheSameDespiteCyrillicNames() {
        Judged russian = judge(WindowsFixtures.KES_RUSSIAN);

        assertThat(russian.summary()).containsExactly("kaspersky-us:kes-windows VIOLATION INSTALLED",
                "kaspersky-us:klnagent VIOLATION INSTALLED");
        Finding kes = russian.finding("kaspersky-us:kes-windows");
        // The finding names the product in English whatever the installer called it.
        assertThat(kes.product()).isEqualTo("Kaspersky Endpoint Security for Windows");
        assertThat(traces(kes)).containsExactly(
                "software Kaspersky Endpoint Security для Windows",
                "service AVP.KES.21.9", "service avpsus.KES.21.9",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES.21.9",
                "security-center Kaspersky Endpoint Security для Windows",
                "security-center Kaspersky Endpoint Security для Windows",
                "security-center Kaspersky Endpoint Security для Windows",
                "driver cm_km", "driver klbackupdisk", "driver klbackupflt", "driver kldisk", "driver klflt", "driver klgse",
                "driver klhk", "driver klif", "driver klkbdflt", "driver klmouflt", "driver klupd_KES-21-9_arkmon",
                "driver klwtp", "driver kneps",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\Components",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected",
                "process avp", "process avpsus", "process avpui", "process vapm");
        assertThat(kes.evidence()).filteredOn(e -> e.kind() == EvidenceKind.SECURITY_CENTER).extracting(Evidence::source)
                .containsExactly("wsc-antivirus", "wsc-antispyware", "wsc-firewall");
        Finding agent = russian.finding("kaspersky-us:klnagent");
        assertThat(agent.product()).isEqualTo("Kaspersky Security Center Network Agent");
        assertThat(traces(agent)).containsExactly(
                "software Агент администрирования Kaspersky Security Center", "service klnagent", "process klnagent");
    }

    @Test
    void theNetworkAgentAloneIsItsOwnViolationWithoutAnyAntivirusFinding() {
        Judged agent = judge(WindowsFixtures.NETWORK_AGENT);

        assertThat(agent.summary()).containsExactly("kaspersky-us:klnagent VIOLATION INSTALLED");
        // vapm and the KasperskyLab keys are shared traces; with no antivirus found they join the agent.
        assertThat(traces(agent.finding("kaspersky-us:klnagent"))).containsExactly(
                "software Kaspersky Security Center Network Agent", "service klnagent", "process klnagent",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\Components",
                "process vapm");
        assertThat(agent.products()).extracting(SecurityProduct::vendor).containsExactly("Microsoft");
    }

    @Test
    void aRemovedEndpointSecurityLeavesARemnantThatIsARiskNotAViolation() {
        Judged remnants = judge(WindowsFixtures.REMNANTS);

        // Defender is on, so the host is protected: no "unprotected after removal" notice.
        assertThat(remnants.summary()).containsExactly("kaspersky-us:kes-windows RISK REMNANT");
        Finding kes = remnants.finding("kaspersky-us:kes-windows");
        assertThat(kes.message()).startsWith("Kaspersky Endpoint Security for Windows was removed, but remnants remain.");
        assertThat(traces(kes)).containsExactly(
                "service AVP.KES.21.9",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\KES.21.8",
                "driver klif", "driver klmouflt",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected");
        assertThat(remnants.product("Microsoft", "antivirus").active()).isTrue();
        // The last database update was four days before US updates stopped.
        assertThat(remnants.product("Kaspersky", "antivirus").signaturesUpdatedAt()).isBefore(US_UPDATES_STOPPED);
        assertThat(remnants.product("Kaspersky", "antivirus").active()).isFalse();
    }

    @Test
    void remnantsWithDefenderTurnedOffLeaveTheHostUnprotected() {
        Judged judged = judge(WindowsFixtures.REMNANTS_DEFENDER_OFF);

        assertThat(judged.summary()).containsExactly("kaspersky-us:kes-windows RISK REMNANT",
                "kaspersky-us:unprotected-after-removal RISK REMNANT");
        Finding unprotected = judged.finding("kaspersky-us:unprotected-after-removal");
        assertThat(unprotected.product()).isEqualTo("No active antivirus or EDR");
        assertThat(unprotected.message()).isEqualTo("Kaspersky was removed (only remnants are left) and no other antivirus"
                + " or EDR is active on this host. Present but not active: Windows Defender.");
        // The notice points at the same leftovers as the remnant finding.
        assertThat(unprotected.evidence()).isEqualTo(judged.finding("kaspersky-us:kes-windows").evidence());
        assertThat(judged.product("Microsoft", "antivirus").active()).isFalse();
    }

    @Test
    void aRemnantInstallFolderJoinsTheRemnantFinding() {
        Inventory inv = WindowsInventorySourceFixturesTest.collect(WindowsFixtures.REMNANTS);
        Inventory withFolder = new Inventory(inv.host(), inv.software(),
                Stream.concat(inv.observations().stream(),
                        Stream.of(Evidence.of(EvidenceKind.PATH, "path", "C:\\ProgramData\\Kaspersky Lab"))).toList(),
                inv.securityProducts(), inv.errors());

        Judged judged = judge(withFolder);

        assertThat(judged.summary()).containsExactly("kaspersky-us:kes-windows RISK REMNANT");
        assertThat(evidence(judged.finding("kaspersky-us:kes-windows"), EvidenceKind.PATH))
                .containsExactly("C:\\ProgramData\\Kaspersky Lab");
    }

    @Test
    void afterTheUltraAvSwitchOnlyKasperskyRemnantsAreLeft() {
        Judged ultra = judge(WindowsFixtures.ULTRAAV);

        // UltraAV is active, so the host is protected: no "unprotected" notice, but the handover is noted.
        assertThat(ultra.summary()).containsExactly("kaspersky-us:kaspersky-consumer RISK REMNANT",
                "kaspersky-us:ultraav INFO INSTALLED");
        assertThat(traces(ultra.finding("kaspersky-us:kaspersky-consumer"))).containsExactly(
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\AVP21.17",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected\\AVP21.17",
                "driver klmouflt",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab",
                "registry-key HKLM\\SOFTWARE\\WOW6432Node\\KasperskyLab\\protected");
        assertThat(ultra.finding("kaspersky-us:kaspersky-consumer").product()).isEqualTo("Kaspersky home and small-office security");
        Finding handover = ultra.finding("kaspersky-us:ultraav");
        assertThat(handover.vendor()).isEqualTo("Pango");
        assertThat(handover.milestone()).isEqualTo("ultraav-transition");
        assertThat(traces(handover)).containsExactly("software UltraAV", "software UltraVPN",
                "security-center UltraAV", "security-center UltraAV");
        assertThat(ultra.products()).extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::enabled)
                .containsExactly(
                        tuple("Microsoft", "Windows Defender", false),
                        tuple("Pango (UltraAV)", "UltraAV", true),
                        tuple("Kaspersky", "Kaspersky Standard", null));
        assertThat(ultra.product("Kaspersky", "antivirus").signaturesUpdatedAt()).isBefore(US_UPDATES_STOPPED);
    }

    @Test
    void kasperskySecurityForWindowsServerIsFoundByItsServicesAndProcesses() {
        Judged server = judge(WindowsFixtures.SERVER);

        assertThat(server.summary()).containsExactly("kaspersky-us:ksws VIOLATION INSTALLED",
                "kaspersky-us:klnagent VIOLATION INSTALLED");
        Finding ksws = server.finding("kaspersky-us:ksws");
        assertThat(ksws.product()).isEqualTo("Kaspersky Security for Windows Server");
        assertThat(evidence(ksws, EvidenceKind.SERVICE)).containsExactly("KAVFS", "KAVFSGT", "kavfsslp");
        assertThat(evidence(ksws, EvidenceKind.PROCESS)).containsExactly("kavfs", "kavfsgt", "kavfswp");
        assertThat(evidence(ksws, EvidenceKind.DRIVER)).containsExactly("klam", "klflt", "klif");
        // The fixture's Defender feature is removed (its section is an error), so there is no Defender product.
        assertThat(server.products()).extracting(SecurityProduct::vendor, SecurityProduct::enabled)
                .containsExactly(tuple("Kaspersky", null));
    }

    @Test
    void theVersionedServerProductNameIsRecognisedAsKasperskySecurityForWindowsServer() {
        Judged server = judge(WindowsFixtures.SERVER);

        assertThat(server.summary()).containsExactly("kaspersky-us:ksws VIOLATION INSTALLED",
                "kaspersky-us:klnagent VIOLATION INSTALLED");
        assertThat(evidence(server.finding("kaspersky-us:ksws"), EvidenceKind.SOFTWARE)).containsExactly(
                "Kaspersky Security 11.0.1 for Windows Server", "Kaspersky Security 11 for Windows Server Administration Tools");
    }

    @Test
    void theSeamlessUpdateServiceIsEvidenceOfEndpointSecurity() {
        assertThat(evidence(judge(WindowsFixtures.KES).finding("kaspersky-us:kes-windows"), EvidenceKind.SERVICE))
                .containsExactly("AVP.KES.21.9", "avpsus.KES.21.9");
    }

    @Test
    void theServerWithDefenderInstalledReportsItFromGetMpComputerStatus() {
        // The recorded server has the Defender feature removed; this variant has it, as a server without KSWS would.
        String output = WindowsFixtures.withSection(WindowsFixtures.SERVER, "defender",
                WindowsFixtures.json(WindowsFixtures.CLEAN, "defender"));
        Inventory inv = new WindowsInventorySource((argv, stdin, timeout) -> new CommandResult(0, output, "", null),
                List.of(), WindowsInventorySourceTest.SCAN_DAY, Map.<String, String>of()::get, path -> false).read();

        assertThat(judge(inv).products()).extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::enabled,
                SecurityProduct::upToDate).containsExactly(
                tuple("Microsoft", "Microsoft Defender Antivirus", true, true),
                tuple("Kaspersky", "Kaspersky security product", null, null));
    }

    /** The recorded output, as collected with a file system where {@code exists} says which files are there. */
    private static Inventory collect(String output, java.util.function.Predicate<String> exists) {
        return new WindowsInventorySource((argv, stdin, timeout) -> new CommandResult(0, output, "", null),
                List.of(), WindowsInventorySourceTest.SCAN_DAY, Map.of("SystemRoot", "C:\\WINDOWS")::get, exists).read();
    }

    @Test
    void theNetworkAgentsRunningServiceProvesTheInstallWhenProgramsAndProcessesCouldNotBeRead() {
        String output = WindowsFixtures.withError(WindowsFixtures.withError(WindowsFixtures.output(WindowsFixtures.NETWORK_AGENT),
                "uninstall-machine", "Access is denied."), "processes", "Access is denied.");

        Judged judged = judge(collect(output, path -> false));

        assertThat(judged.summary()).containsExactly("kaspersky-us:klnagent VIOLATION INSTALLED");
        assertThat(traces(judged.finding("kaspersky-us:klnagent"))).startsWith("service klnagent");
    }

    @Test
    void aStoppedServiceSetToStartAtBootIsAnInstallWhileItsProgramIsOnTheDisk() {
        String avp = "C:\\Program Files (x86)\\Kaspersky Lab\\KES.12.6.0\\avp.exe";
        String output = WindowsFixtures.output(WindowsFixtures.REMNANTS);

        // The recorded machine: the service's program is gone, so the service is what an uninstall left.
        assertThat(judge(collect(output, path -> false)).summary()).containsExactly("kaspersky-us:kes-windows RISK REMNANT");
        // The same registration with avp.exe still there: Kaspersky is stopped, not removed.
        Judged stopped = judge(collect(output, avp::equals));
        assertThat(stopped.summary()).containsExactly("kaspersky-us:kes-windows VIOLATION INSTALLED");
        assertThat(stopped.finding("kaspersky-us:kes-windows").evidence()).filteredOn(e -> e.kind() == EvidenceKind.SERVICE)
                .extracting(Evidence::detail).containsExactly("Stopped Auto, program present");
    }

    @Test
    void aMachineNotOnboardedToDefenderForEndpointDoesNotListIt() {
        Judged offboarded = judge(WindowsFixtures.MDE_NOT_ONBOARDED);
        // Never onboarded: the sensor's status key does not exist at all.
        Judged never = judge(collect(WindowsFixtures.withSection(WindowsFixtures.MDE_NOT_ONBOARDED, "defender-endpoint", ""),
                path -> false));

        for (Judged judged : List.of(offboarded, never)) {
            assertThat(judged.findings()).isEmpty();
            assertThat(judged.products()).extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::enabled)
                    .containsExactly(tuple("Microsoft", "Windows Defender", true));
        }
        assertThat(WindowsInventorySourceFixturesTest.collect(WindowsFixtures.MDE_NOT_ONBOARDED).observations())
                .filteredOn(e -> e.name().equals("Sense")).extracting(Evidence::detail).containsExactly("Stopped Manual");
    }

    @Test
    void anOnboardedMachineListsDefenderForEndpointAsAnActiveEdr() {
        Judged onboarded = judge(WindowsFixtures.MDE_ONBOARDED);

        assertThat(onboarded.findings()).isEmpty();
        assertThat(onboarded.products()).extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::kind,
                SecurityProduct::active).containsExactly(
                tuple("Microsoft", "Windows Defender", "antivirus", true),
                tuple("Microsoft", "Microsoft Defender for Endpoint", "edr", true));
        assertThat(onboarded.product("Microsoft", "edr").evidence()).extracting(e -> e.kind().jsonName() + " " + e.name()
                + " " + e.detail()).containsExactly(
                "registry-key HKLM\\SOFTWARE\\Microsoft\\Windows Advanced Threat Protection\\Status OnboardingState=1",
                "service Sense Running Auto", "process MsSense null");
    }

    @ParameterizedTest
    @ValueSource(strings = {WindowsFixtures.CLEAN, WindowsFixtures.DECOYS, WindowsFixtures.SINGLE_OBJECTS})
    void machinesWithoutKasperskyHaveNoFinding(String fixture) {
        Judged judged = judge(fixture);

        assertThat(judged.findings()).isEmpty();
        assertThat(judged.products()).extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::enabled)
                .containsExactly(tuple("Microsoft", "Windows Defender", true));
    }
}
