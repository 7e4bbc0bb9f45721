package io.banwatch.agent.inventory.linux;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.RecordedCommands;
import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Each Linux scenario, built as an image root, collected offline ({@code scan --root}) by the real
 * collector and judged by the built-in rules as a US federal agency on 2026-11-24.
 */
class LinuxJudgementTest {
    private static final LocalDate ON = LocalDate.of(2026, 11, 24);
    private static final String KESL = "kaspersky-us:kesl";
    private static final String KLNAGENT = "kaspersky-us:klnagent";
    private static final String KAV4FS = "kaspersky-us:kav4fs";
    private static final String UNPROTECTED = "kaspersky-us:unprotected-after-removal";

    /** dpkg-status-debian12-clean.txt, in file order (libc6 twice: amd64 and i386). */
    private static final List<Tuple> DEBIAN_BASE = List.of(tuple("apt", "2.6.1"), tuple("base-files", "12.4+deb12u11"),
            tuple("bash", "5.2.15-2+b8"), tuple("ca-certificates", "20230311+deb12u1"), tuple("coreutils", "9.1-1"),
            tuple("dpkg", "1.21.22"), tuple("gzip", "1.12-1"), tuple("libc6", "2.36-9+deb12u14"),
            tuple("openssh-client", "1:9.2p1-2+deb12u6"), tuple("tzdata", "2025b-0+deb12u2"),
            tuple("libc6", "2.36-9+deb12u14"));

    @TempDir
    Path root;

    private final RuleSet rules = RuleSet.builtIn();
    private final RuleEngine engine = new RuleEngine(rules, Clock.fixed(Instant.parse("2026-11-24T17:00:00Z"), ZoneOffset.UTC));
    private final RecordedCommands commands = new RecordedCommands();

    /** A collected image and what the rules made of it. */
    record Judged(Inventory inventory, List<SecurityProduct> products, List<Finding> findings) {
        Finding finding(String ruleId) {
            return findings.stream().filter(f -> f.ruleId().equals(ruleId)).findFirst().orElseThrow();
        }
    }

    private Judged offline() {
        return judge(new LinuxInventorySource(root, false, commands, rules.pathsToProbe("linux"), () -> null).read());
    }

    Judged judge(Inventory inventory) {
        List<SecurityProduct> products = engine.securityProducts(inventory);
        return new Judged(inventory, products, engine.evaluate(inventory, products, "us-federal", ON));
    }

    static List<Tuple> debianPlus(Tuple... extra) {
        List<Tuple> out = new ArrayList<>(DEBIAN_BASE);
        out.addAll(List.of(extra));
        return out;
    }

    static String trace(Evidence e) {
        return e.kind().jsonName() + " " + e.name();
    }

    @Test
    void debianWithKeslIsKeslInViolationAndTheNetworkAgentsLeftovers() {
        Fixtures.debianWithKesl(root);
        Judged j = offline();

        assertThat(j.inventory().software()).extracting(Software::name, Software::version).containsExactlyElementsOf(
                debianPlus(tuple("kesl", "12.1.0-1297"), tuple("kaspa-wallet", "0.13.4"),
                        tuple("kaspertech-tools", "2.1.0"), tuple("kics", "1.7.13")));
        assertThat(j.findings()).extracting(Finding::ruleId, Finding::level, Finding::presence).containsExactly(
                tuple(KESL, Level.VIOLATION, Presence.INSTALLED),
                tuple(KLNAGENT, Level.RISK, Presence.REMNANT));
        assertThat(j.finding(KESL).evidence()).extracting(LinuxJudgementTest::trace).containsExactly(
                "software kesl", "systemd-unit kesl.service", "path /opt/kaspersky/kesl", "path /opt/kaspersky");
        assertThat(j.finding(KESL).milestone()).isEqualTo("ndaa-1634-effective");
        assertThat(j.finding(KLNAGENT).evidence()).extracting(LinuxJudgementTest::trace)
                .containsExactly("package-residue klnagent64");
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void aRhelImageReadThroughRpmHasKeslNetworkAgentAndKicsInViolation() {
        Fixtures.write(root, "etc/os-release", Fixtures.text("linux/os-release-rhel9.txt"));
        Fixtures.write(root, "etc/machine-id", "0123456789abcdef0123456789abcdef\n");
        Fixtures.write(root, "usr/lib/sysimage/rpm/rpmdb.sqlite", "SQLite format 3");
        commands.prints(List.of("rpm", "--root", root.toAbsolutePath().toString(), "-qa", "--qf", RpmPackages.QUERY_FORMAT),
                "linux/rpm-qa-rhel9-kesl.txt");

        Judged j = offline();

        assertThat(j.inventory().software()).extracting(Software::name, Software::version).containsExactly(
                tuple("bash", "5.1.8-9.el9"), tuple("glibc", "2.34-100.el9_4.2"), tuple("openssl", "1:3.0.7-27.el9"),
                tuple("kesl", "12.1.0-1297"), tuple("klnagent64", "15.1.0-20748"), tuple("kics", "3.0.0-12"),
                tuple("tzdata", "2024a-1.el9"));
        assertThat(j.findings()).extracting(Finding::ruleId, Finding::level, Finding::presence, Finding::product)
                .containsExactly(
                        tuple(KESL, Level.VIOLATION, Presence.INSTALLED, "Kaspersky Endpoint Security for Linux"),
                        tuple("kaspersky-us:kics", Level.VIOLATION, Presence.INSTALLED,
                                "Kaspersky Industrial CyberSecurity for Linux Nodes"),
                        tuple(KLNAGENT, Level.VIOLATION, Presence.INSTALLED, "Kaspersky Security Center Network Agent"));
        assertThat(j.findings()).allSatisfy(f -> assertThat(f.evidence()).singleElement()
                .satisfies(e -> assertThat(e.source()).isEqualTo("rpm")));
    }

    @Test
    void aRussianLocaleAstraInstallIsRecognisedWithItsCyrillicTextsIntact() {
        Fixtures.astraWithKeslRussian(root);
        Judged j = offline();

        assertThat(j.inventory().host().os().name()).isEqualTo("Astra Linux");
        assertThat(j.inventory().host().hostname()).isEqualTo("арм-бухгалтерия-07");
        String kaspersky = "АО «Лаборатория Касперского» <support@kaspersky.ru>";
        assertThat(j.inventory().software()).extracting(Software::name, Software::version).containsExactlyElementsOf(
                debianPlus(tuple("kesl-astra", "12.1.0-1297"), tuple("kesl-gui", "12.1.0-1297"),
                        tuple("klnagent64", "15.1.0-20748")));
        assertThat(j.inventory().software()).filteredOn(s -> s.name().startsWith("k"))
                .extracting(Software::publisher).containsOnly(kaspersky);
        assertThat(j.findings()).extracting(Finding::ruleId, Finding::level, Finding::presence).containsExactly(
                tuple(KESL, Level.VIOLATION, Presence.INSTALLED),
                tuple(KLNAGENT, Level.VIOLATION, Presence.INSTALLED));
        assertThat(j.finding(KESL).evidence()).extracting(LinuxJudgementTest::trace).containsExactly(
                "software kesl-astra", "software kesl-gui", "systemd-unit kesl.service", "path /opt/kaspersky/kesl",
                "path /var/opt/kaspersky/kesl", "path /opt/kaspersky", "path /var/opt/kaspersky");
        assertThat(j.finding(KLNAGENT).evidence()).extracting(LinuxJudgementTest::trace).containsExactly(
                "software klnagent64", "systemd-unit klnagent64.service", "path /opt/kaspersky/klnagent64");
    }

    @Test
    void theNetworkAgentAloneIsOneInstalledProductAndNoAntivirus() {
        Fixtures.debianWithNetworkAgentOnly(root);
        Judged j = offline();

        assertThat(j.inventory().software()).extracting(Software::name, Software::version)
                .containsExactlyElementsOf(debianPlus(tuple("klnagent64", "15.1.0-20748")));
        assertThat(j.findings()).extracting(Finding::ruleId, Finding::level, Finding::presence)
                .containsExactly(tuple(KLNAGENT, Level.VIOLATION, Presence.INSTALLED));
        assertThat(j.finding(KLNAGENT).evidence()).extracting(LinuxJudgementTest::trace).containsExactly(
                "software klnagent64", "systemd-unit klnagent64.service", "path /opt/kaspersky/klnagent64",
                "path /opt/kaspersky", "path /etc/opt/kaspersky");
        // A management agent is not protection: no security product, and no KESL finding either.
        assertThat(j.products()).isEmpty();
    }

    @Test
    void kasperskyRemnantsAreThreeRemnantFindingsAndTheImageIsUnprotected() {
        Fixtures.debianWithKasperskyRemnants(root);
        Judged j = offline();

        assertThat(j.inventory().software()).extracting(Software::name, Software::version)
                .containsExactlyElementsOf(DEBIAN_BASE);
        assertThat(j.findings()).extracting(Finding::ruleId, Finding::level, Finding::presence).containsExactly(
                tuple(KESL, Level.RISK, Presence.REMNANT),
                tuple(KAV4FS, Level.RISK, Presence.REMNANT),
                tuple(KLNAGENT, Level.RISK, Presence.REMNANT),
                tuple(UNPROTECTED, Level.RISK, Presence.REMNANT));
        assertThat(j.finding(KESL).evidence()).extracting(LinuxJudgementTest::trace).containsExactly(
                "package-residue kesl", "systemd-unit kesl.service", "path /var/opt/kaspersky/kesl",
                "path /etc/opt/kaspersky/kesl", "path /var/opt/kaspersky", "path /etc/opt/kaspersky");
        assertThat(j.finding(KLNAGENT).evidence()).extracting(LinuxJudgementTest::trace)
                .containsExactly("package-residue klnagent64");
        // The module file on disk, not a loaded module: a remnant. redirfs is observed but is no one's.
        assertThat(j.finding(KAV4FS).evidence()).containsExactly(new Evidence(io.banwatch.model.EvidenceKind.KERNEL_MODULE,
                "lib-modules", "kav4fs_oas", "/lib/modules/6.1.0-18-amd64/misc/kav4fs_oas.ko", "kernel=6.1.0-18-amd64"));
        assertThat(j.inventory().observations()).extracting(LinuxJudgementTest::trace)
                .contains("kernel-module redirfs").doesNotContain("kernel-module ext4");
        assertThat(j.findings()).flatExtracting(Finding::evidence).extracting(LinuxJudgementTest::trace)
                .doesNotContain("kernel-module redirfs");
    }

    @Test
    void lookAlikeNamesMakeNoFindingAndNoSecurityProduct() {
        Fixtures.debianWithDecoys(root);
        Judged j = offline();

        assertThat(j.inventory().software()).extracting(Software::name, Software::version).containsExactlyElementsOf(
                debianPlus(tuple("kaspa-wallet", "0.13.4"), tuple("kaspertech-tools", "2.1.0"), tuple("kics", "1.7.13")));
        assertThat(j.inventory().observations()).extracting(LinuxJudgementTest::trace).contains(
                "path /opt/KasperTech", "path /opt/kaspa-wallet", "path /usr/local/kics");
        assertThat(j.findings()).isEmpty();
        assertThat(j.products()).isEmpty();
    }

    @Test
    void theCleanMachineHasNoFindings() {
        Fixtures.debian(root, "ws-clean", Fixtures.dpkgStatus());
        Judged j = offline();

        assertThat(j.inventory().software()).extracting(Software::name, Software::version)
                .containsExactlyElementsOf(DEBIAN_BASE);
        assertThat(j.findings()).isEmpty();
        assertThat(j.products()).isEmpty();
        assertThat(j.inventory().errors()).isEmpty();
    }

    @Test
    void securityProductsOnAnImageAreListedWithTheirEvidence() {
        Fixtures.withClamAvAndFalcon(Fixtures.debian(root, "ws-0200", Fixtures.dpkgStatus("dpkg-stanzas-clamav-falcon.txt")));
        Judged j = offline();

        assertThat(j.products()).extracting(SecurityProduct::vendor, SecurityProduct::product, SecurityProduct::version,
                SecurityProduct::kind).containsExactly(
                tuple("Cisco Talos", "ClamAV", "1.0.7+dfsg-1~deb12u1", "antivirus"),
                tuple("CrowdStrike", "CrowdStrike Falcon", "7.18.0-17106", "edr"));
        assertThat(j.products().get(0).evidence()).extracting(LinuxJudgementTest::trace).containsExactly(
                "software clamav-base", "software clamav-freshclam", "software clamav", "software clamav-daemon",
                "systemd-unit clamav-freshclam.service", "systemd-unit clamav-daemon.service", "path /var/lib/clamav");
        assertThat(j.products().get(1).evidence()).extracting(LinuxJudgementTest::trace).containsExactly(
                "software falcon-sensor", "systemd-unit falcon-sensor.service", "path /opt/CrowdStrike");
        // Offline nothing is seen running, and nothing claims to be.
        assertThat(j.products()).noneMatch(SecurityProduct::active);
        assertThat(j.findings()).isEmpty();
    }

    @Test
    void anImageWithKasperskyRemnantsAndAnInstalledAntivirusIsNotCalledUnprotected() {
        Fixtures.debianWithKasperskyRemnants(root);
        Fixtures.write(root, "var/lib/dpkg/status",
                Fixtures.dpkgStatus("dpkg-stanzas-kaspersky-remnants.txt", "dpkg-stanzas-clamav-falcon.txt"));
        Fixtures.withClamAvAndFalcon(root);
        Judged j = offline();

        // The scan saw no process at all, so the installed ClamAV and Falcon may well be running.
        assertThat(j.findings()).extracting(Finding::ruleId).containsExactly(KESL, KAV4FS, KLNAGENT);
        assertThat(j.products()).extracting(SecurityProduct::product)
                .containsExactly("ClamAV", "CrowdStrike Falcon", "Kaspersky security product");
    }
}
