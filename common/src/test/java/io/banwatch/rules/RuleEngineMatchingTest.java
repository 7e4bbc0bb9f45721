package io.banwatch.rules;

import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Which traces are Kaspersky, which are not, and how they group into products. */
class RuleEngineMatchingTest {
    private static final LocalDate AFTER_BAN = LocalDate.of(2026, 11, 24);
    private final RuleEngine engine = new RuleEngine(RuleSet.builtIn(),
            Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC));

    private static final String UNPROTECTED = "kaspersky-us:unprotected-after-removal";

    /** The product findings; the notices have their own tests below. */
    private List<Finding> federal(Host host, List<Software> software, List<Evidence> observations) {
        return all(host, software, observations, List.of()).stream().filter(f -> !f.ruleId().equals(UNPROTECTED)).toList();
    }

    private List<Finding> all(Host host, List<Software> software, List<Evidence> observations,
                              List<SecurityProduct> reported) {
        Inventory inv = ReportBuilder.report()
                .host(host)
                .software(software)
                .observations(observations)
                .securityProducts(reported)
                .inventory();
        return engine.evaluate(inv, engine.securityProducts(inv), "us-federal", AFTER_BAN);
    }

    @Test
    void kasperskyRemnantsWithNothingProtectingTheHostAreARisk() {
        List<Evidence> leftovers = List.of(new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klif",
                "C:\\Windows\\System32\\drivers\\klif.sys", "Stopped"));
        SecurityProduct defenderOff = new SecurityProduct("Microsoft", "Windows Defender", null, "antivirus", false, true,
                null, List.of(new Evidence(EvidenceKind.SECURITY_CENTER, "wsc-antivirus", "Windows Defender", null, "393472")));
        List<Finding> findings = all(Samples.host("windows"), List.of(), leftovers, List.of(defenderOff));
        assertThat(findings).extracting(Finding::ruleId, Finding::level, Finding::presence).containsExactly(
                tuple("kaspersky-us:kaspersky-other", Level.RISK, Presence.REMNANT),
                tuple(UNPROTECTED, Level.RISK, Presence.REMNANT));
        assertThat(findings.get(1).message()).isEqualTo("Kaspersky was removed (only remnants are left) and no other"
                + " antivirus or EDR is active on this host. Present but not active: Windows Defender.");
        assertThat(findings.get(1).evidence()).extracting(Evidence::name).containsExactly("klif");
    }

    @Test
    void noProtectionNoticeNeitherWhenAnotherProductIsActiveNorWhileKasperskyIsInstalled() {
        List<Evidence> leftovers = List.of(Evidence.of(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service"));
        Evidence clamd = Evidence.of(EvidenceKind.PROCESS, "proc", "clamd");
        assertThat(all(Samples.linuxHost(), List.of(Samples.deb("clamav-daemon", "1.0", "ClamAV")), List.of(leftovers.get(0),
                clamd), List.of())).extracting(Finding::ruleId).containsExactly("kaspersky-us:kesl");
        assertThat(all(Samples.linuxHost(), List.of(Samples.deb("kesl", "12", "AO Kaspersky Lab")), leftovers, List.of()))
                .extracting(Finding::ruleId).containsExactly("kaspersky-us:kesl");
        assertThat(all(Samples.linuxHost(), List.of(Samples.deb("bash", "5", "Debian")), List.of(), List.of())).isEmpty();
    }

    @Test
    void whereNoProcessCouldBeSeenAnInstalledProductCountsAsProtection() {
        List<Evidence> leftovers = List.of(Evidence.of(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service"));
        List<Software> clamav = List.of(Samples.deb("clamav-daemon", "1.0.7", "ClamAV Team"));
        // An offline image: no process at all was listed, so clamd may well run when the image boots.
        assertThat(all(Samples.linuxHost(), clamav, leftovers, List.of())).extracting(Finding::ruleId)
                .containsExactly("kaspersky-us:kesl");
        // A live scan that saw other programs but no clamd: installed, yet not protecting.
        List<Evidence> live = List.of(leftovers.get(0), Evidence.of(EvidenceKind.PROCESS, "proc", "sshd"));
        assertThat(all(Samples.linuxHost(), clamav, live, List.of())).extracting(Finding::ruleId)
                .containsExactly("kaspersky-us:kesl", UNPROTECTED);
        // Leftovers of another product are no protection, offline or not.
        assertThat(all(Samples.linuxHost(), List.of(), List.of(leftovers.get(0),
                Evidence.of(EvidenceKind.PATH, "path", "/opt/CrowdStrike")), List.of()))
                .extracting(Finding::ruleId).containsExactly("kaspersky-us:kesl", UNPROTECTED);
    }

    @Test
    void aProductTheOsReportsAsOffIsNoProtectionEvenWhereNoProcessCouldBeSeen() {
        SecurityProduct defenderOff = new SecurityProduct("Microsoft", "Windows Defender", null, "antivirus", false, true,
                null, List.of(new Evidence(EvidenceKind.SECURITY_CENTER, "wsc-antivirus", "Windows Defender", null, "393472")));
        assertThat(defenderOff.installed()).isTrue();
        assertThat(all(Samples.host("windows"), List.of(), List.of(new Evidence(EvidenceKind.DRIVER, "windows-drivers",
                "klif", null, "Stopped")), List.of(defenderOff))).extracting(Finding::ruleId)
                .containsExactly("kaspersky-us:kaspersky-other", UNPROTECTED);
    }

    /** No process at all in these inventories: as when the process list could not be read. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "AVP21.3,      Running Auto,                 kaspersky-us:kaspersky-consumer, INSTALLED, VIOLATION",
            "AVP21.3,      Running Manual,               kaspersky-us:kaspersky-consumer, INSTALLED, VIOLATION",
            "AVP21.3,      'Stopped Auto, program present', kaspersky-us:kaspersky-consumer, INSTALLED, VIOLATION",
            "AVP21.3,      'Stopped Auto, program missing', kaspersky-us:kaspersky-consumer, REMNANT,   RISK",
            "AVP21.3,      Stopped Auto,                 kaspersky-us:kaspersky-consumer, REMNANT,   RISK",
            "AVP21.3,      Stopped Manual,               kaspersky-us:kaspersky-consumer, REMNANT,   RISK",
            "AVP21.3,      Stopped Disabled,             kaspersky-us:kaspersky-consumer, REMNANT,   RISK",
            "AVP.KES.21.9, Running Auto,                 kaspersky-us:kes-windows,        INSTALLED, VIOLATION",
            "AVP.KES.21.9, Start Pending Auto,           kaspersky-us:kes-windows,        INSTALLED, VIOLATION",
            "AVP.KES.21.9, Stopped Disabled,             kaspersky-us:kes-windows,        REMNANT,   RISK",
            "klnagent,     Running Auto,                 kaspersky-us:klnagent,           INSTALLED, VIOLATION",
            "klnagent,     Stopped Manual,               kaspersky-us:klnagent,           REMNANT,   RISK",
    })
    void aServiceThatRunsOrStartsAtBootIsAnInstallAStoppedOneARemnant(String service, String state, String ruleId,
                                                                    Presence presence, Level level) {
        Evidence e = new Evidence(EvidenceKind.SERVICE, "windows-services", service, "C:\\Program Files (x86)\\Kaspersky Lab\\x.exe",
                state);
        assertThat(federal(Samples.host("windows"), List.of(), List.of(e)))
                .extracting(Finding::ruleId, Finding::presence, Finding::level).containsExactly(tuple(ruleId, presence, level));
    }

    @Test
    void aLoadedKasperskyDriverAloneIsStillARemnant() {
        // Drivers stay loaded after an uninstall until the next restart, and input filters stay attached.
        Evidence klif = new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klif", "C:\\WINDOWS\\system32\\DRIVERS\\klif.sys",
                "Running System");
        assertThat(federal(Samples.host("windows"), List.of(), List.of(klif)))
                .extracting(Finding::ruleId, Finding::presence).containsExactly(tuple("kaspersky-us:kaspersky-other", Presence.REMNANT));
    }

    @Test
    void ultraAvIsAnInformationalFindingPointingAtTheSeptember2024Handover() {
        Software ultra = Samples.app("UltraAV", "Pango Inc.", "windows-uninstall");
        List<Finding> findings = all(Samples.host("windows"), List.of(ultra), List.of(), List.of());
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("kaspersky-us:ultraav");
            assertThat(f.level()).isEqualTo(Level.INFO);
            assertThat(f.vendor()).isEqualTo("Pango");
            assertThat(f.milestone()).isEqualTo("ultraav-transition");
            assertThat(f.citation().url()).isEqualTo("https://www.helpnetsecurity.com/2024/09/24/kaspersky-ultraav-handover/");
        });
        assertThat(all(Samples.host("windows"), List.of(Samples.app("UltraEdit", "IDM", "windows-uninstall")), List.of(),
                List.of())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Kaspa Wallet", "KasperTech Tools", "Kasper", "Casper", "Kaspa", "Friendly Ghost Каспер",
            "Kasperski Consulting", "kaspa-node"})
    void decoysAreNotKaspersky(String name) {
        Software decoy = new Software(name, "1.0", name.split(" ")[0], "windows-uninstall", "machine", null, null,
                null, null);
        assertThat(federal(Samples.host("windows"), List.of(decoy), List.of())).isEmpty();
    }

    @Test
    void decoyServicesDriversAndProcessesAreNotKaspersky() {
        List<Evidence> observations = List.of(
                Evidence.of(EvidenceKind.SERVICE, "windows-services", "KasperTechUpdater"),
                Evidence.of(EvidenceKind.DRIVER, "windows-drivers", "kloader"),
                Evidence.of(EvidenceKind.PROCESS, "windows-processes", "kaspa-wallet.exe"),
                Evidence.of(EvidenceKind.PROCESS, "proc", "kav"),
                Evidence.of(EvidenceKind.REGISTRY_KEY, "windows-registry", "HKLM\\SOFTWARE\\KasperTech"),
                Evidence.of(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kasperapp.helper"));
        assertThat(federal(Samples.host("windows"), List.of(), observations)).isEmpty();
        // "kav" is Kaspersky's daemon on macOS only; on Linux it is just a name.
        assertThat(federal(Samples.linuxHost(), List.of(), observations)).isEmpty();
    }

    @Test
    void matchesLatinAndCyrillicPublishersAndNames() {
        Host win = Samples.host("windows");
        List<Software> software = List.of(
                Samples.app("Kaspersky Endpoint Security для Windows", "АО «Лаборатория Касперского»", "windows-uninstall"),
                Samples.app("Агент администрирования Kaspersky Security Center", "АО «Лаборатория Касперского»", "windows-uninstall"),
                Samples.app("Антивирус Касперского", "Лаборатория Касперского", "windows-uninstall"),
                Samples.app("Some Tool", "Kaspersky Lab ZAO", "windows-uninstall"));
        assertThat(federal(win, software, List.of()))
                .extracting(Finding::ruleId, Finding::product, Finding::level)
                .containsExactly(
                        tuple("kaspersky-us:kes-windows", "Kaspersky Endpoint Security for Windows", Level.VIOLATION),
                        tuple("kaspersky-us:kaspersky-consumer", "Kaspersky home and small-office security", Level.VIOLATION),
                        tuple("kaspersky-us:klnagent", "Kaspersky Security Center Network Agent", Level.VIOLATION),
                        tuple("kaspersky-us:kaspersky-other/some-tool", "Some Tool", Level.VIOLATION));
    }

    /** Spellings that look like, or are, "Kaspersky Internet Security" to a person. */
    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "Kasper\u200Bsky Internet Security",       // zero-width space
            "Kasper\u200Dsky Internet Security",       // zero-width joiner
            "Kasper\u00ADsky Internet Security",       // soft hyphen
            "\u202EKaspersky Internet Security",       // right-to-left override in front
            "\uFEFFKaspersky Internet Security",       // byte order mark in front
            " Kaspersky Internet Security",            // a leading space
            "Kaspersky  Internet\u00A0Security",       // doubled and no-break spaces
            "K\u0430spersky Internet Security",        // Cyrillic a
            "\u041A\u0410\u0405\u0420\u0415RSKY INTERNET SECURITY", // Cyrillic К А Ѕ Р Е in upper case
            "\u039A\u0391SPERSKY Internet Security",  // Greek Kappa and Alpha
            "\uFF2B\uFF41\uFF53\uFF50\uFF45\uFF52\uFF53\uFF4B\uFF59 Internet Security", // full-width letters
            "Kaspersky\u2060 Internet Security\uFE0F", // word joiner, variation selector
    })
    void invisibleOrLookAlikeCharactersCannotHideAProduct(String name) {
        // No publisher: the name alone must give the product away (a Kaspersky publisher would, by itself).
        Software disguised = Samples.app(name, null, "windows-uninstall");
        assertThat(federal(Samples.host("windows"), List.of(disguised), List.of())).singleElement().satisfies(f -> {
            assertThat(f.ruleId()).isEqualTo("kaspersky-us:kaspersky-consumer");
            assertThat(f.level()).isEqualTo(Level.VIOLATION);
            // The report keeps the name as the machine wrote it, as evidence.
            assertThat(f.evidence()).extracting(Evidence::name).containsExactly(name);
        });
    }

    @Test
    void aZeroWidthSpaceDoesNotHideTheLinuxPackageNorAPublisher() {
        assertThat(federal(Samples.linuxHost(), List.of(Samples.deb("kes\u200Bl", "12.1.0.1297", "Packager <p@example.org>")),
                List.of())).extracting(Finding::ruleId).containsExactly("kaspersky-us:kesl");
        // kics needs Kaspersky as maintainer: a hidden character in the maintainer's name still names it.
        assertThat(federal(Samples.linuxHost(), List.of(Samples.deb("kics", "3.0", "AO Kasper\u200Bsky Lab")), List.of()))
                .extracting(Finding::ruleId).containsExactly("kaspersky-us:kics");
        assertThat(federal(Samples.linuxHost(), List.of(), List.of(Evidence.of(EvidenceKind.PROCESS, "proc", "kes\u00ADl"))))
                .extracting(Finding::ruleId).containsExactly("kaspersky-us:kesl");
    }

    @Test
    void theCyrillicPatternsStillMatchAndSoDoMixedScriptSpellings() {
        Host win = Samples.host("windows");
        List<Software> software = List.of(
                // Latin K, then Cyrillic: the pattern "антивирус касперского" folds the same way.
                Samples.app("Антивирус Kасперского", "Лаборатория Kасперского", "windows-uninstall"),
                // Cyrillic о in "Windows" and а in "для".
                Samples.app("Kaspersky Endpoint Security для Wind\u043Ews", "AO Kaspersky Lab", "windows-uninstall"),
                Samples.app("Some Tool", "Лаборатория Касперского", "windows-uninstall"));
        assertThat(federal(win, software, List.of())).extracting(Finding::ruleId).containsExactly(
                "kaspersky-us:kes-windows", "kaspersky-us:kaspersky-consumer", "kaspersky-us:kaspersky-other/some-tool");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"Kaspa\u200B Wallet", "\u041Aasper\u200BTech Tools", "Kaspa W\u0430llet", "KasperTech\uFEFF",
            "\u00A0Kaspa"})
    void disguisedDecoysAreStillNotKaspersky(String name) {
        Software decoy = new Software(name, "1.0", "KasperTech", "windows-uninstall", "machine", null, null, null, null);
        assertThat(federal(Samples.host("windows"), List.of(decoy), List.of())).isEmpty();
        Software checkmarx = Samples.deb("kic\u200Bs", "1.7.13", "Checkmarx <kics@checkmarx.com>");
        assertThat(federal(Samples.linuxHost(), List.of(checkmarx), List.of())).isEmpty();
    }

    @Test
    void ambiguousPackageNamesNeedTheVendorAsMaintainer() {
        Software checkmarxKics = Samples.deb("kics", "1.7.13", "Checkmarx <kics@checkmarx.com>");
        Software kasperskyKics = Samples.deb("kics", "3.0.0.12", "AO Kaspersky Lab <support@kaspersky.com>");
        assertThat(federal(Samples.linuxHost(), List.of(checkmarxKics), List.of())).isEmpty();
        assertThat(federal(Samples.linuxHost(), List.of(kasperskyKics), List.of()))
                .extracting(Finding::ruleId).containsExactly("kaspersky-us:kics");
    }

    @Test
    void groupsEveryTraceOfOneInstallIntoOneFinding() {
        List<Evidence> observations = List.of(
                new Evidence(EvidenceKind.SYSTEMD_UNIT, "systemd", "kesl.service", "/lib/systemd/system/kesl.service", null),
                new Evidence(EvidenceKind.PROCESS, "proc", "kesl", "/opt/kaspersky/kesl/libexec/kesl", null),
                Evidence.of(EvidenceKind.PATH, "path", "/opt/kaspersky/kesl"),
                Evidence.of(EvidenceKind.PATH, "path", "/opt/kaspersky"),
                Evidence.of(EvidenceKind.PATH, "path", "/var/opt/kaspersky"));
        List<Finding> findings = federal(Samples.linuxHost(),
                List.of(Samples.deb("kesl", "12.1.0.1297", "AO Kaspersky Lab"), Samples.deb("bash", "5.2", "Debian")),
                observations);
        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).evidence()).extracting(Evidence::name)
                .containsExactlyInAnyOrder("kesl", "kesl.service", "kesl", "/opt/kaspersky/kesl", "/opt/kaspersky",
                        "/var/opt/kaspersky");
    }

    @Test
    void sharedTracesJoinTheProductFoundAndStandAloneOtherwise() {
        Host win = Samples.host("windows");
        List<Evidence> leftovers = List.of(
                new Evidence(EvidenceKind.DRIVER, "windows-drivers", "klif", "C:\\Windows\\System32\\drivers\\KLIF.KES-21-9.sys", "Stopped"),
                Evidence.of(EvidenceKind.REGISTRY_KEY, "windows-registry", "HKLM\\SOFTWARE\\KasperskyLab"));
        List<Finding> withProduct = federal(win,
                List.of(Samples.app("Kaspersky Endpoint Security for Windows", "AO Kaspersky Lab", "windows-uninstall"),
                        Samples.app("Kaspersky Security Center Network Agent", "AO Kaspersky Lab", "windows-uninstall")),
                leftovers);
        assertThat(withProduct).extracting(Finding::ruleId, f -> f.evidence().size())
                .containsExactly(tuple("kaspersky-us:kes-windows", 3), tuple("kaspersky-us:klnagent", 1));

        List<Finding> alone = federal(win, List.of(), leftovers);
        assertThat(alone).extracting(Finding::ruleId, Finding::presence, Finding::level)
                .containsExactly(tuple("kaspersky-us:kaspersky-other", Presence.REMNANT, Level.RISK));
    }

    @Test
    void versionedDriverFileNamesAreRecognisedByTheirLocation() {
        Evidence versioned = new Evidence(EvidenceKind.DRIVER, "windows-drivers", "kl_unknown_2025",
                "C:\\Windows\\System32\\drivers\\K4W-21-25\\klgse.sys", "Running");
        assertThat(federal(Samples.host("windows"), List.of(), List.of(versioned)))
                .extracting(Finding::ruleId).containsExactly("kaspersky-us:kaspersky-other");
    }

    @Test
    void aSecurityCenterRegistrationIsAnInstallEvenWithoutAnUninstallEntry() {
        SecurityProduct wsc = new SecurityProduct("Kaspersky", "Kaspersky Small Office Security", null, "antivirus",
                true, true, null, List.of(new Evidence(EvidenceKind.SECURITY_CENTER, "wsc-antivirus",
                "Kaspersky Small Office Security", null, "266240")));
        Inventory inv = ReportBuilder.report().host(Samples.host("windows")).securityProducts(List.of(wsc)).inventory();
        assertThat(engine.evaluate(inv, List.of(wsc), "us-federal", AFTER_BAN))
                .extracting(Finding::ruleId, Finding::presence)
                .containsExactly(tuple("kaspersky-us:kaspersky-consumer", Presence.INSTALLED));
    }

    @Test
    void macReceiptsAndTeamIdFoldIntoTheApp() {
        Host mac = Samples.host("macos");
        List<Software> software = List.of(
                new Software("Kaspersky Anti-Virus", "21.24", "Kaspersky", "macos-app", "machine", null,
                        "com.kaspersky.kav", null, "/Applications/Kaspersky Anti-Virus For Mac.app"),
                new Software("com.kaspersky.kav.core", "21.24", null, "pkgutil", "machine", null,
                        "com.kaspersky.kav.core", null, null));
        List<Evidence> observations = List.of(
                new Evidence(EvidenceKind.SYSTEM_EXTENSION, "system-extensions", "com.kaspersky.kav.sysext", null,
                        "teamID=2Y8XE5CQ94 state=activated_enabled"),
                Evidence.of(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kaspersky.kav"));
        assertThat(federal(mac, software, observations))
                .extracting(Finding::ruleId, f -> f.evidence().size())
                .containsExactly(tuple("kaspersky-us:kav-mac", 4));
    }

    @Test
    void aTeamIdAloneIsEnoughOnASystemExtension() {
        Evidence renamed = new Evidence(EvidenceKind.SYSTEM_EXTENSION, "system-extensions", "com.example.filter", null,
                "teamID=2Y8XE5CQ94 state=activated_enabled");
        Evidence lookalike = new Evidence(EvidenceKind.SYSTEM_EXTENSION, "system-extensions", "com.example.other", null,
                "teamID=2Y8XE5CQ49 state=activated_enabled");
        assertThat(federal(Samples.host("macos"), List.of(), List.of(renamed, lookalike)))
                .singleElement().satisfies(f -> assertThat(f.evidence()).containsExactly(renamed));
    }

    @Test
    void packageConfigFilesLeftBehindAreARemnant() {
        Evidence residue = new Evidence(EvidenceKind.PACKAGE_RESIDUE, "dpkg", "kesl", null, "deinstall ok config-files");
        assertThat(federal(Samples.linuxHost(), List.of(), List.of(residue)))
                .extracting(Finding::ruleId, Finding::presence, Finding::level)
                .containsExactly(tuple("kaspersky-us:kesl", Presence.REMNANT, Level.RISK));
    }

    @Test
    void aMacReceiptAloneProvesOnlyARemnantAndLeftoversMakeOneFinding() {
        Host mac = Samples.host("macos");
        List<Software> receipts = List.of(new Software("com.kaspersky.kav.core", "21.24", null, "pkgutil", "machine", null,
                "com.kaspersky.kav.core", null, null));
        List<Evidence> leftovers = List.of(
                Evidence.of(EvidenceKind.KERNEL_EXTENSION, "kexts", "com.kaspersky.kext.klif"),
                Evidence.of(EvidenceKind.PATH, "path", "/Library/Application Support/Kaspersky Lab"));
        assertThat(federal(mac, receipts, leftovers))
                .extracting(Finding::ruleId, Finding::presence, Finding::level, f -> f.evidence().size())
                .containsExactly(tuple("kaspersky-us:kav-mac", Presence.REMNANT, Level.RISK, 3));
    }

    @Test
    void anActiveKasperskySystemExtensionProvesAnInstall() {
        Evidence active = new Evidence(EvidenceKind.SYSTEM_EXTENSION, "system-extensions", "com.kaspersky.kav.sysext", null,
                "teamID=2Y8XE5CQ94 state=activated_enabled");
        Evidence waiting = new Evidence(EvidenceKind.SYSTEM_EXTENSION, "system-extensions", "com.kaspersky.kav.sysext", null,
                "teamID=2Y8XE5CQ94 state=terminated_waiting_to_uninstall_on_reboot");
        assertThat(federal(Samples.host("macos"), List.of(), List.of(active)))
                .extracting(Finding::presence).containsExactly(Presence.INSTALLED);
        assertThat(federal(Samples.host("macos"), List.of(), List.of(waiting)))
                .extracting(Finding::presence).containsExactly(Presence.REMNANT);
    }

    @Test
    void theNetworkAgentKeepsItsOwnMacReceiptAndDaemon() {
        Host mac = Samples.host("macos");
        List<Software> software = List.of(
                new Software("Kaspersky Endpoint Security for Mac", "12.1", "Kaspersky", "macos-app", "machine", null,
                        "com.kaspersky.kav", null, null),
                new Software("com.kaspersky.klnagent.core", "15.0", null, "pkgutil", "machine", null,
                        "com.kaspersky.klnagent.core", null, null));
        List<Finding> findings = federal(mac, software, List.of(Evidence.of(EvidenceKind.LAUNCHD_JOB, "launchd",
                "com.kaspersky.klnagent")));
        assertThat(findings).extracting(Finding::ruleId, Finding::presence).containsExactly(
                tuple("kaspersky-us:kes-mac", Presence.INSTALLED), tuple("kaspersky-us:klnagent", Presence.REMNANT));
        assertThat(findings.get(1).evidence()).extracting(Evidence::name)
                .containsExactly("com.kaspersky.klnagent.core", "com.kaspersky.klnagent");
    }

    @Test
    void aMacNetworkAgentIsInstalledOnlyWhileItsDaemonsBinaryIsPresent() {
        Host mac = Samples.host("macos");
        Software receipt = new Software("com.kaspersky.klnagent.core", "15.0", null, "pkgutil", "machine", null,
                "com.kaspersky.klnagent.core", null, null);
        String binary = "/Library/Application Support/Kaspersky Lab/klnagent/Binaries/klnagent";
        Evidence runnable = new Evidence(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kaspersky.klnagent",
                "/Library/LaunchDaemons/com.kaspersky.klnagent.plist", binary + " (present)");
        Evidence orphaned = new Evidence(EvidenceKind.LAUNCHD_JOB, "launchd", "com.kaspersky.klnagent",
                "/Library/LaunchDaemons/com.kaspersky.klnagent.plist", binary + " (missing)");

        assertThat(federal(mac, List.of(receipt), List.of(runnable))).extracting(Finding::ruleId, Finding::presence)
                .containsExactly(tuple("kaspersky-us:klnagent", Presence.INSTALLED));
        assertThat(federal(mac, List.of(receipt), List.of(orphaned))).extracting(Finding::ruleId, Finding::presence)
                .containsExactly(tuple("kaspersky-us:klnagent", Presence.REMNANT));
        // A receipt alone outlives an uninstall on macOS.
        assertThat(federal(mac, List.of(receipt), List.of())).extracting(Finding::presence)
                .containsExactly(Presence.REMNANT);
    }

    @Test
    void aCleanMachineHasNoFindings() {
        assertThat(federal(Samples.linuxHost(), List.of(Samples.deb("bash", "5.2", "Debian"),
                Samples.deb("clamav", "1.0.7", "ClamAV Team")), List.of())).isEmpty();
    }
}
