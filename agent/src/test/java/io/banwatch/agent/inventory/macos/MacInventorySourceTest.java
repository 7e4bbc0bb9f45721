package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.CommandRunner;
import io.banwatch.agent.inventory.HostId;
import io.banwatch.model.Evidence;
import io.banwatch.model.Inventory;
import io.banwatch.model.OsInfo;
import io.banwatch.model.ScanError;
import io.banwatch.model.Software;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;

/** Offline scans of each recorded Mac: exactly what is found, and no command runs. */
class MacInventorySourceTest {
    static final List<String> PROBES = List.of("/Applications/Kaspersky Endpoint Security for Mac.app",
            "/Library/Application Support/Kaspersky Lab/KAV", "/Applications/Kaspersky Anti-Virus For Mac.app",
            "/Library/Application Support/Kaspersky Lab/klnagent", "/Library/Application Support/Kaspersky Lab",
            "/Applications/Falcon.app", "/Library/Sentinel");

    @TempDir
    Path tmp;

    private final CommandRunner runner = mock(CommandRunner.class);

    @AfterEach
    void offlineScansRunNothing() {
        verifyNoInteractions(runner);
    }

    private Inventory scan(Path root) {
        return new MacInventorySource(root, false, runner, PROBES).read();
    }

    private Inventory scan(String scenario) {
        return scan(MacFixtures.scenario(scenario));
    }

    @Test
    void cleanSonoma() {
        Inventory inv = scan("clean-sonoma");
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Falcon 7.18", "macos-app Chrome 131.0.6778.86", "macos-app Microsoft Word 16.91",
                "macos-app Safari 17.6", "macos-app Slack 4.41.105", "macos-app XQuartz 2.8.5",
                "macos-app Code 1.95.3 (user:alice)",
                "pkgutil com.apple.pkg.MRTConfigData_10_15.16U4211 1.93",
                "pkgutil com.apple.pkg.RosettaUpdateAuto 1.0.0.0.1.1714184741",
                "pkgutil com.apple.pkg.XProtectPayloads_10_15.16U4351 146",
                "pkgutil com.crowdstrike.falcon.sensor 7.18.18905.0",
                "pkgutil com.microsoft.package.Microsoft_AutoUpdate.app 4.77.24110316",
                "pkgutil com.microsoft.package.Microsoft_Word.app 16.91.24111020",
                "pkgutil com.microsoft.pkg.licensing 16.91.24111020",
                "pkgutil org.xquartz.X11 2.8.5");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                "launchd-job com.microsoft.autoupdate.helper", "launchd-job org.xquartz.privileged_startx",
                "launchd-job com.crowdstrike.falcon.UserAgent", "launchd-job com.microsoft.update.agent",
                "system-extension com.crowdstrike.falcon.Agent teamID=X9E956P446 state=activated_enabled",
                "path /Applications/Falcon.app");
        assertThat(inv.errors()).isEmpty();
        assertThat(inv.host().os()).isEqualTo(new OsInfo("macos", "macOS 14.6.1", "14.6.1", "23G93"));
    }

    @Test
    void kavForMac() {
        Inventory inv = scan("kav-for-mac");
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Chrome 130.0.6723.117", "macos-app Kaspersky Anti-Virus For Mac 21.24.1.21",
                "pkgutil com.kaspersky.kav.core 21.24.1.21", "pkgutil com.kaspersky.kav.webav 21.24.1.21");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                "launchd-job com.kaspersky.kav", "launchd-job com.kaspersky.sysextctrld", "launchd-job com.kaspersky.kav.gui",
                "system-extension com.kaspersky.kav.sysext teamID=2Y8XE5CQ94 state=activated_enabled",
                "path /Library/Application Support/Kaspersky Lab/KAV", "path /Applications/Kaspersky Anti-Virus For Mac.app",
                "path /Library/Application Support/Kaspersky Lab");
        assertThat(inv.errors()).isEmpty();
        assertThat(inv.host().os().name()).isEqualTo("macOS 15.1");
    }

    @Test
    void kesMacWithAgent() {
        Inventory inv = scan("kes-mac-with-agent");
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Kaspersky Endpoint Security for Mac 12.1.0.553", "macos-app Microsoft Word 16.81",
                "pkgutil com.kaspersky.kav.core 12.1.0.553", "pkgutil com.kaspersky.kav.wksconnector 12.1.0.553",
                "pkgutil com.kaspersky.klnagent.core 14.0.0.20023");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                "launchd-job com.kaspersky.kav", "launchd-job com.kaspersky.klnagent", "launchd-job com.kaspersky.sysextctrld",
                "launchd-job com.kaspersky.kav.gui",
                "system-extension com.kaspersky.kav.sysext teamID=2Y8XE5CQ94 state=activated_enabled",
                "path /Applications/Kaspersky Endpoint Security for Mac.app",
                "path /Library/Application Support/Kaspersky Lab/KAV",
                "path /Library/Application Support/Kaspersky Lab/klnagent", "path /Library/Application Support/Kaspersky Lab");
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void kasperskyRemnants() {
        Inventory inv = scan("kaspersky-remnants");
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Slack 4.40.128", "pkgutil com.kaspersky.kav.core 16.0.0.317");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                "launchd-job com.kaspersky.kav", "kernel-extension com.kaspersky.kext.klif 16.0.0",
                "path /Library/Application Support/Kaspersky Lab/KAV", "path /Library/Application Support/Kaspersky Lab");
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void russianKasperskyAntiVirus() {
        Inventory inv = scan("kav-russian");
        // CFBundleName wins over CFBundleDisplayName; the binary plist holds it as UTF-16.
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Антивирус Касперского 21.24.1.21", "macos-app Yandex 24.10.1.598",
                "pkgutil com.kaspersky.kav.core 21.24.1.21", "pkgutil com.kaspersky.kav.webav 21.24.1.21");
        assertThat(inv.software().get(0).identifier()).isEqualTo("com.kaspersky.kav");
        assertThat(inv.software().get(0).location()).isEqualTo("/Applications/Kaspersky Anti-Virus For Mac.app");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                "launchd-job com.kaspersky.kav", "launchd-job com.kaspersky.sysextctrld", "launchd-job com.kaspersky.kav.gui",
                "system-extension com.kaspersky.kav.sysext teamID=2Y8XE5CQ94 state=activated_enabled",
                "path /Library/Application Support/Kaspersky Lab/KAV", "path /Applications/Kaspersky Anti-Virus For Mac.app",
                "path /Library/Application Support/Kaspersky Lab");
        assertThat(inv.errors()).isEmpty();
        assertThat(inv.host().os()).isEqualTo(new OsInfo("macos", "macOS 14.6.1", "14.6.1", "23G93"));
    }

    @Test
    void networkAgentOnly() {
        Inventory inv = scan("network-agent-only");
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Slack 4.41.105", "pkgutil com.kaspersky.klnagent.core 14.2.0.26967");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                "launchd-job com.kaspersky.klnagent",
                "path /Library/Application Support/Kaspersky Lab/klnagent", "path /Library/Application Support/Kaspersky Lab");
        assertThat(inv.observations().get(0).detail())
                .isEqualTo("/Library/Application Support/Kaspersky Lab/klnagent/Binaries/klnagent (present)");
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void ultraAv() {
        Inventory inv = scan("ultraav-mac");
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Chrome 130.0.6723.117", "macos-app UltraAV 1.0.4", "pkgutil com.ultraav.mac 1.0.4");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation)
                .containsExactly("launchd-job com.ultraav.mac.daemon");
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void decoys() {
        Inventory inv = scan("decoys");
        assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly(
                "macos-app Casper 1.8.2", "macos-app Kaspa Wallet 2.1.0", "macos-app KasperTech 3.4",
                "pkgutil com.kaspertech.app.pkg 3.4");
        assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                "launchd-job com.kasperapp.helper",
                "system-extension com.kaspertech.app.netfilter teamID=2Y8XE5CQ49 state=activated_enabled");
        assertThat(inv.errors()).isEmpty();
    }

    @Test
    void brokenFilesBecomeErrorsAndTheScanGoesOn() {
        Path broken = MacFixtures.copy("broken", tmp);
        // Maven's default excludes keep .DS_Store out of test-classes; put one back.
        Fixtures.write(broken, "Applications/.DS_Store", "\0\0\0\1Bud1");

        String stderr = PlistTest.capturingStderr(() -> {
            Inventory inv = scan(broken);
            assertThat(inv.software()).extracting(MacInventorySourceTest::software).containsExactly("macos-app WrongTypes null");
            assertThat(inv.observations()).extracting(MacInventorySourceTest::observation).containsExactly(
                    "launchd-job com.example.nolabel",
                    "system-extension com.example.orphaned teamID=ABCDE12345 state=terminated_waiting_to_uninstall_on_reboot",
                    "system-extension com.example.noteam teamID=- state=activated_waiting_for_user",
                    "system-extension com.example.noversion teamID=ABCDE12345 state=activated_enabled",
                    "path /Applications/Kaspersky Anti-Virus For Mac.app");
            assertThat(inv.errors()).extracting(e -> e.source() + " " + e.message().substring(0, e.message().indexOf(':')))
                    .containsExactly(
                            "macos-app /Applications/ArrayRoot.app/Contents/Info.plist",
                            "macos-app /Applications/EmptyInfo.app/Contents/Info.plist",
                            "macos-app /Applications/Kaspersky Anti-Virus For Mac.app/Contents/Info.plist",
                            "macos-app /Applications/NotAPlist.app/Contents/Info.plist",
                            "macos-app /Applications/TruncatedXml.app/Contents/Info.plist",
                            "launchd /Library/LaunchDaemons/com.example.notaplist.plist",
                            "launchd /Library/LaunchDaemons/com.example.truncated.plist",
                            "kext /Library/Extensions/Broken.kext/Contents/Info.plist",
                            "system-version /System/Library/CoreServices/SystemVersion.plist");
            assertThat(inv.host().os()).isEqualTo(SystemVersion.UNKNOWN);
        });
        assertThat(stderr).isEmpty();
    }

    @Test
    void anImageIsIdentifiedByItsMountPoint() {
        Path root = MacFixtures.scenario("kav-for-mac");
        Inventory inv = scan(root);
        assertThat(inv.host().id()).isEqualTo(HostId.derive("image:" + root.toAbsolutePath().normalize()));
        assertThat(inv.host().hostname()).isEqualTo(root.toAbsolutePath().normalize().toString());
        assertThat(inv.host().arch()).isNull();
    }

    @Test
    void anEmptyFolderIsAMacWithNothingButAnUnknownVersion() {
        Inventory inv = scan(tmp);
        assertThat(inv.software()).isEmpty();
        assertThat(inv.observations()).isEmpty();
        assertThat(inv.errors()).containsExactly(
                new ScanError("macos-app", "/Applications: no such folder", true),
                new ScanError("pkgutil", "/var/db/receipts: no such folder", true),
                new ScanError("system-version", "/System/Library/CoreServices/SystemVersion.plist: no such file"));
    }

    @Test
    void aRootWithoutApplicationsIsIncompleteButTheRestIsRead() throws Exception {
        Path root = MacFixtures.copy("kav-for-mac", tmp);
        try (var tree = Files.walk(root.resolve("Applications"))) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }

        Inventory inv = scan(root);

        assertThat(inv.errors()).containsExactly(new ScanError("macos-app", "/Applications: no such folder", true));
        assertThat(inv.software()).extracting(Software::source).containsOnly("pkgutil").isNotEmpty();
    }

    @Test
    void applicationsThatIsNotAFolderIsIncomplete() throws Exception {
        Path root = MacFixtures.copy("clean-sonoma", tmp);
        try (var tree = Files.walk(root.resolve("Applications"))) {
            tree.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.writeString(root.resolve("Applications"), "");

        assertThat(scan(root).errors()).extracting(ScanError::source, ScanError::message, ScanError::primary)
                .containsExactly(tuple("macos-app", "/Applications: not a folder", true));
    }

    static String software(Software s) {
        return s.source() + " " + s.name() + " " + s.version() + (s.scope().equals("machine") ? "" : " (" + s.scope() + ")");
    }

    /** Kind and name; extensions add their detail (launchd programs are checked in LaunchdJobsTest). */
    static String observation(Evidence e) {
        String kindAndName = e.kind().jsonName() + " " + e.name();
        return switch (e.kind()) {
            case SYSTEM_EXTENSION, KERNEL_EXTENSION -> kindAndName + " " + e.detail();
            default -> kindAndName;
        };
    }
}
