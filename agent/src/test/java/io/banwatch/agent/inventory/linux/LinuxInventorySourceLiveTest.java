package io.banwatch.agent.inventory.linux;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.RecordedCommands;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.SecurityProduct;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The live path of the Linux collector (running programs from proc/, loaded modules from
 * proc/modules), run over a fake root: the collector reads /proc through its root, so a
 * generated {@code proc/} stands in for the kernel's.
 */
class LinuxInventorySourceLiveTest {
    private static final LocalDate ON = LocalDate.of(2026, 11, 24);

    @TempDir
    Path root;

    private final RuleSet rules = RuleSet.builtIn();
    private final RuleEngine engine = new RuleEngine(rules, Clock.fixed(Instant.parse("2026-11-24T17:00:00Z"), ZoneOffset.UTC));
    private final RecordedCommands commands = new RecordedCommands();

    private Inventory live() {
        return new LinuxInventorySource(root, true, commands, rules.pathsToProbe("linux"), () -> "unused").read();
    }

    private List<Finding> judge(Inventory inv, List<SecurityProduct> products) {
        return engine.evaluate(inv, products, "us-federal", ON);
    }

    private void kernel() {
        Fixtures.write(root, "proc/sys/kernel/osrelease", "6.1.0-18-amd64\n");
        Fixtures.write(root, "proc/sys/kernel/hostname", "ws-0042-live\n");
        Fixtures.process(root, 1, "systemd", "/sbin/init", "splash");
        Fixtures.process(root, 2, "kthreadd");
        Fixtures.process(root, 611, "sshd", "sshd: alice@pts/0");
    }

    @Test
    void runningProgramsAndLoadedModulesBecomeObservationsAndEvidence() {
        Fixtures.debianWithKesl(root);
        kernel();
        Fixtures.process(root, 802, "kesl", "/opt/kaspersky/kesl/libexec/kesl", "--daemon");
        Fixtures.process(root, 803, "kesl", "/opt/kaspersky/kesl/libexec/kesl", "--daemon");
        Fixtures.write(root, "proc/modules", Fixtures.text("linux/proc-modules.txt"));
        // On disk too, but a live scan trusts what is loaded: proc/modules, not lib/modules.
        Fixtures.write(root, "lib/modules/6.1.0-18-amd64/misc/kav4fs_oas.ko", "\u007fELF");

        Inventory inv = live();

        assertThat(inv.host().hostname()).isEqualTo("ws-0042-live");
        assertThat(inv.host().os().build()).isEqualTo("6.1.0-18-amd64");
        assertThat(inv.observations()).filteredOn(e -> e.kind() == EvidenceKind.PROCESS)
                .extracting(Evidence::name, Evidence::location).containsExactlyInAnyOrder(
                        tuple("init", "/sbin/init"), tuple("sshd", null),
                        tuple("kesl", "/opt/kaspersky/kesl/libexec/kesl"));
        assertThat(inv.observations()).filteredOn(e -> e.kind() == EvidenceKind.KERNEL_MODULE)
                .extracting(Evidence::source, Evidence::name, Evidence::detail).containsExactly(
                        tuple("proc-modules", "tls", null), tuple("proc-modules", "nf_tables", null),
                        tuple("proc-modules", "kav4fs_oas", "taint=OE"), tuple("proc-modules", "redirfs", "taint=OE"),
                        tuple("proc-modules", "ext4", null));

        List<SecurityProduct> products = engine.securityProducts(inv);
        List<Finding> findings = judge(inv, products);
        assertThat(findings).extracting(Finding::ruleId, Finding::level, Finding::presence).containsExactly(
                tuple("kaspersky-us:kesl", Level.VIOLATION, Presence.INSTALLED),
                tuple("kaspersky-us:kav4fs", Level.VIOLATION, Presence.INSTALLED),
                tuple("kaspersky-us:klnagent", Level.RISK, Presence.REMNANT));
        assertThat(findings.get(0).evidence()).extracting(e -> e.kind().jsonName() + " " + e.name()).containsExactly(
                "software kesl", "systemd-unit kesl.service", "path /opt/kaspersky/kesl", "process kesl",
                "path /opt/kaspersky");
        // Loaded, so running: a module in proc/modules alone proves the install.
        assertThat(findings.get(1).evidence()).extracting(Evidence::source, Evidence::name)
                .containsExactly(tuple("proc-modules", "kav4fs_oas"));
        assertThat(products).singleElement().satisfies(p -> {
            assertThat(p.vendor()).isEqualTo("Kaspersky");
            assertThat(p.active()).isTrue();
        });
        assertThat(commands.calls()).isEmpty();
    }

    @Test
    void liveKasperskyRemnantsWithClamAvInstalledButNotRunningAreUnprotected() {
        remnantsWithClamAv();
        Inventory inv = live();

        List<SecurityProduct> products = engine.securityProducts(inv);
        List<Finding> findings = judge(inv, products);
        assertThat(findings).extracting(Finding::ruleId).containsExactly("kaspersky-us:kesl", "kaspersky-us:klnagent",
                "kaspersky-us:unprotected-after-removal");
        assertThat(findings.get(2).message()).endsWith("Present but not active: ClamAV, CrowdStrike Falcon.");
    }

    @Test
    void liveKasperskyRemnantsWithClamdAndFalconRunningAreProtected() {
        remnantsWithClamAv();
        Fixtures.process(root, 901, "clamd", "/usr/sbin/clamd", "--foreground=true");
        Fixtures.process(root, 902, "freshclam", "/usr/bin/freshclam", "-d", "--foreground=true");
        Fixtures.process(root, 950, "falcond", "/opt/CrowdStrike/falcond");
        Fixtures.process(root, 951, "falcon-sensor", "/opt/CrowdStrike/falcon-sensor");
        Inventory inv = live();

        List<SecurityProduct> products = engine.securityProducts(inv);
        assertThat(products).extracting(SecurityProduct::product, SecurityProduct::active).containsExactly(
                tuple("ClamAV", true), tuple("CrowdStrike Falcon", true));
        assertThat(products.get(0).evidence()).extracting(e -> e.kind().jsonName() + " " + e.name())
                .contains("process clamd", "process freshclam");
        assertThat(products.get(1).evidence()).extracting(e -> e.kind().jsonName() + " " + e.name())
                .contains("process falcond", "process falcon-sensor");
        assertThat(judge(inv, products)).extracting(Finding::ruleId)
                .containsExactly("kaspersky-us:kesl", "kaspersky-us:klnagent");
    }

    /** Uninstalled KESL and Network Agent, ClamAV and Falcon installed; no Kaspersky module on this one. */
    private void remnantsWithClamAv() {
        Fixtures.debian(root, "ws-0117", Fixtures.dpkgStatus("dpkg-stanzas-kaspersky-remnants.txt",
                "dpkg-stanzas-clamav-falcon.txt"));
        Fixtures.write(root, "etc/opt/kaspersky/kesl/kesl.ini", "[General]\n");
        Fixtures.withClamAvAndFalcon(root);
        kernel();
        Fixtures.write(root, "proc/modules", "tls 139264 0 - Live 0x0000000000000000\n");
    }
}
