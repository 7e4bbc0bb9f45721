package io.banwatch.agent.inventory.macos;

import io.banwatch.agent.Fixtures;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.banwatch.agent.inventory.macos.MacFixtures.xml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class AppBundlesTest {
    @TempDir
    Path root;

    private final MacFixtures.Problems problems = new MacFixtures.Problems();

    @Test
    void listsMachineAppsUtilitiesAndEachUsersApps() {
        MacRoot mac = new MacRoot(MacFixtures.scenario("clean-sonoma"));
        assertThat(AppBundles.read(mac, problems))
                .extracting(Software::name, Software::version, Software::identifier, Software::scope, Software::location)
                .containsExactly(
                        tuple("Falcon", "7.18", "com.crowdstrike.falcon.App", "machine", "/Applications/Falcon.app"),
                        tuple("Chrome", "131.0.6778.86", "com.google.Chrome", "machine", "/Applications/Google Chrome.app"),
                        tuple("Microsoft Word", "16.91", "com.microsoft.Word", "machine", "/Applications/Microsoft Word.app"),
                        tuple("Safari", "17.6", "com.apple.Safari", "machine", "/Applications/Safari.app"),
                        tuple("Slack", "4.41.105", "com.tinyspeck.slackmacgap", "machine", "/Applications/Slack.app"),
                        tuple("XQuartz", "2.8.5", "org.xquartz.X11", "machine", "/Applications/Utilities/XQuartz.app"),
                        tuple("Code", "1.95.3", "com.microsoft.VSCode", "user:alice",
                                "/Users/alice/Applications/Visual Studio Code.app"));
        assertThat(AppBundles.read(mac, problems)).extracting(Software::source).containsOnly("macos-app");
        assertThat(problems.list()).isEmpty();
    }

    @Test
    void theNameIsTheBundleNameElseTheDisplayNameElseTheFileName() {
        assertThat(AppBundles.fromInfo(xml("<key>CFBundleName</key><string>Chrome</string>"
                + "<key>CFBundleDisplayName</key><string>Google Chrome</string>"), "Google Chrome", "/A", "machine")
                .name()).isEqualTo("Chrome");
        assertThat(AppBundles.fromInfo(xml("<key>CFBundleDisplayName</key><string>Code</string>"), "VS", "/A", "machine")
                .name()).isEqualTo("Code");
        assertThat(AppBundles.fromInfo(xml("<key>CFBundleName</key><string>  </string>"), "Bare", "/A", "machine")
                .name()).isEqualTo("Bare");
    }

    @Test
    void theVersionIsTheMarketingVersionElseTheBuildNumber() {
        assertThat(AppBundles.fromInfo(xml("<key>CFBundleShortVersionString</key><string>7.18</string>"
                + "<key>CFBundleVersion</key><string>204.01</string>"), "F", "/A", "machine").version()).isEqualTo("7.18");
        assertThat(AppBundles.fromInfo(xml("<key>CFBundleVersion</key><string>204.01</string>"), "F", "/A", "machine")
                .version()).isEqualTo("204.01");
        assertThat(AppBundles.fromInfo(xml(""), "F", "/A", "machine").version()).isNull();
    }

    @Test
    void readsVendorFoldersOneLevelDeepOnly() {
        Fixtures.write(root, "Applications/Sophos/Sophos Endpoint.app/Contents/Info.plist",
                infoPlist("com.sophos.endpoint", "Sophos Endpoint"));
        Fixtures.write(root, "Applications/Sophos/Tools/Deep.app/Contents/Info.plist", infoPlist("com.example.deep", "Deep"));
        Fixtures.write(root, "Applications/Outer.app/Contents/Helpers/Inner.app/Contents/Info.plist",
                infoPlist("com.example.inner", "Inner"));
        Fixtures.write(root, "Applications/Outer.app/Contents/Info.plist", infoPlist("com.example.outer", "Outer"));

        assertThat(AppBundles.read(new MacRoot(root), problems))
                .extracting(Software::identifier, Software::location)
                .containsExactly(
                        tuple("com.example.outer", "/Applications/Outer.app"),
                        tuple("com.sophos.endpoint", "/Applications/Sophos/Sophos Endpoint.app"));
    }

    @Test
    void skipsBundlesWithoutInfoPlistAndReportsUnreadableOnes() {
        Path broken = MacFixtures.copy("broken", root);
        Fixtures.write(broken, "Applications/.DS_Store", "\0\0\0\1Bud1");

        assertThat(AppBundles.read(new MacRoot(broken), problems))
                .extracting(Software::name, Software::version, Software::identifier)
                .containsExactly(tuple("WrongTypes", null, null));
        assertThat(problems.list()).containsExactly(
                "/Applications/ArrayRoot.app/Contents/Info.plist: the root is an array, not a dictionary",
                "/Applications/EmptyInfo.app/Contents/Info.plist: empty file",
                "/Applications/Kaspersky Anti-Virus For Mac.app/Contents/Info.plist: not a readable property list "
                        + "(PropertyListFormatException: The binary property list contains a corrupted object offset table.)",
                "/Applications/NotAPlist.app/Contents/Info.plist: not a readable property list "
                        + "(PropertyListFormatException: The given XML document is not a property list.)",
                "/Applications/TruncatedXml.app/Contents/Info.plist: not a readable property list "
                        + "(SAXParseException: XML document structures must start and end within the same entity.)");
    }

    @Test
    void aMacWithoutApplicationsHasNoAppsAndSaysSoAsAPrimaryProblem() {
        MacFixtures.Problems primary = new MacFixtures.Problems();
        assertThat(AppBundles.read(new MacRoot(root), problems, primary)).isEmpty();
        assertThat(problems.list()).isEmpty();
        assertThat(primary.list()).containsExactly("/Applications: no such folder");
    }

    static String infoPlist(String id, String name) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <plist version="1.0"><dict>
                <key>CFBundleIdentifier</key><string>%s</string>
                <key>CFBundleName</key><string>%s</string>
                </dict></plist>
                """.formatted(id, name);
    }
}
