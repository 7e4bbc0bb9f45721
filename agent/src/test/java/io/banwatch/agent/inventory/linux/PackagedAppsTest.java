package io.banwatch.agent.inventory.linux;

import io.banwatch.agent.Fixtures;
import io.banwatch.model.Evidence;
import io.banwatch.model.Software;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Snaps, Flatpaks (machine and per user) and unpackaged install folders, on generated trees. */
class PackagedAppsTest {
    @TempDir
    Path root;

    @Test
    void readsSnapsNewestRevisionWithTheVersionWhenMounted() throws IOException {
        Fixtures.write(root, "var/lib/snapd/snaps/firefox_3600.snap", "");
        Fixtures.write(root, "var/lib/snapd/snaps/firefox_3626.snap", "");
        Fixtures.write(root, "var/lib/snapd/snaps/core22_1122.snap", "");
        Fixtures.write(root, "var/lib/snapd/snaps/my-app_x1.snap", "");
        Fixtures.write(root, "snap/firefox/current/meta/snap.yaml", Fixtures.text("linux/snap-firefox.yaml"));
        assertThat(Snaps.read(root)).extracting(Software::name, Software::version, Software::source)
                .containsExactlyInAnyOrder(tuple("firefox", "121.0-1", "snap"), tuple("core22", "rev 1122", "snap"));
        assertThat(Snaps.version(writeYaml())).isEqualTo("20240111");
    }

    private Path writeYaml() {
        return Fixtures.write(root, "tmp/snap.yaml", Fixtures.text("linux/snap-core22.yaml"));
    }

    @Test
    void readsSystemAndPerUserFlatpaks() throws IOException {
        flatpak("var/lib/flatpak/app/org.mozilla.firefox", "x86_64/stable", null);
        flatpak("home/alice/.local/share/flatpak/app/com.slack.Slack", "x86_64/stable",
                Fixtures.text("linux/flatpak-slack.metainfo.xml"));
        Fixtures.mkdirs(root, "home/bob");
        assertThat(Flatpaks.read(root)).extracting(Software::name, Software::version, Software::scope, Software::arch)
                .containsExactly(tuple("org.mozilla.firefox", "stable", "machine", "x86_64"),
                        tuple("com.slack.Slack", "4.36.140", "user:alice", "x86_64"));
    }

    private void flatpak(String appDir, String archBranch, String metainfo) throws IOException {
        String id = appDir.substring(appDir.lastIndexOf('/') + 1);
        Path commit = Fixtures.mkdirs(root, appDir + "/" + archBranch + "/4a1b2c3d");
        Files.createSymbolicLink(commit.resolveSibling("active"), Path.of("4a1b2c3d"));
        Files.createSymbolicLink(root.resolve(appDir).resolve("current"), Path.of(archBranch));
        if (metainfo != null) {
            Fixtures.write(commit, "files/share/metainfo/" + id + ".metainfo.xml", metainfo);
        }
    }

    @Test
    void recordsVendorFoldersButNotTheStandardHierarchy() throws IOException {
        Fixtures.mkdirs(root, "opt/kaspersky/kesl/bin");
        Fixtures.mkdirs(root, "opt/google/chrome");
        Fixtures.write(root, "opt/readme.txt", "not a folder");
        Fixtures.mkdirs(root, "usr/local/bin");
        Fixtures.mkdirs(root, "usr/local/share");
        Fixtures.mkdirs(root, "usr/local/clamav");
        assertThat(InstallDirs.read(root)).extracting(Evidence::name).containsExactly("/opt/google", "/opt/google/chrome",
                "/opt/kaspersky", "/opt/kaspersky/kesl", "/usr/local/clamav");
    }

    @Test
    void noSnapdNoFlatpakNoOptIsNothing() throws IOException {
        assertThat(Snaps.read(root)).isEmpty();
        assertThat(Flatpaks.read(root)).isEmpty();
        assertThat(InstallDirs.read(root)).isEmpty();
    }
}
