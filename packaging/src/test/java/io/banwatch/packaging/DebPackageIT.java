package io.banwatch.packaging;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The built .deb files, read back after `package` (check-packages.sh also installs them). */
class DebPackageIT {
    static DebArchive agent;
    static DebArchive server;

    @BeforeAll
    static void read() throws Exception {
        Path agentDeb = Build.target().resolve("banwatch_" + Build.version() + "_amd64.deb");
        Path serverDeb = Build.target().resolve("banwatch-server_" + Build.version() + "_all.deb");
        assertThat(agentDeb).isRegularFile();
        assertThat(serverDeb).isRegularFile();
        agent = DebArchive.read(agentDeb);
        server = DebArchive.read(serverDeb);
    }

    @Test
    void isADebianBinaryPackage() {
        assertThat(agent.debianBinary()).isEqualTo("2.0\n");
        assertThat(agent.members()).hasSize(3).first().isEqualTo("debian-binary");
        assertThat(agent.field("Package")).isEqualTo("banwatch");
        assertThat(agent.field("Version")).isEqualTo(Build.version());
        assertThat(agent.field("Architecture")).isEqualTo("amd64");
        assertThat(agent.field("Depends")).contains("libc6 (>= 2.34)", "zlib1g", "init-system-helpers");
        assertThat(agent.control()).containsKeys("postinst", "prerm", "postrm", "md5sums");
    }

    @Test
    void agentConfIsAConffileOnlyRootCanRead() {
        assertThat(agent.control().get("conffiles").strip()).isEqualTo("/etc/banwatch/agent.conf");
        TarArchiveEntry conf = agent.data().get("/etc/banwatch/agent.conf");
        assertThat(conf.getMode() & 0777).isEqualTo(0640);
        assertThat(conf.getUserName()).isEqualTo("root");
    }

    @Test
    void installsTheRuntimeLauncherAndUnits() {
        assertThat(agent.data()).containsKeys(
                "/opt/banwatch/bin/banwatch",
                "/opt/banwatch/lib/banwatch-agent.jar",
                "/opt/banwatch/runtime/bin/java",
                "/opt/banwatch/runtime/lib/modules",
                "/opt/banwatch/runtime/lib/server/classes.jsa",
                "/opt/banwatch/share/cds-root/var/lib/dpkg/status",
                "/lib/systemd/system/banwatch-scan.service",
                "/lib/systemd/system/banwatch-scan.timer");
        // The AppCDS archive is made on the machine by postinst, never shipped.
        assertThat(agent.data()).doesNotContainKey("/opt/banwatch/lib/banwatch.jsa");
        assertThat(agent.data()).doesNotContainKey("/opt/banwatch/runtime/lib/server/classes_nocoops.jsa");
        for (String exe : new String[] {"/opt/banwatch/bin/banwatch", "/opt/banwatch/runtime/bin/java",
                "/opt/banwatch/runtime/lib/jspawnhelper"}) {
            assertThat(agent.data().get(exe).getMode() & 0777).as(exe).isEqualTo(0755);
        }
        assertThat(agent.data().get("/opt/banwatch/lib/banwatch-agent.jar").getMode() & 0777).isEqualTo(0644);
        TarArchiveEntry link = agent.data().get("/usr/bin/banwatch");
        assertThat(link.isSymbolicLink()).isTrue();
        assertThat(link.getLinkName()).isEqualTo("/opt/banwatch/bin/banwatch");
        // Nothing but root-owned files, nothing world-writable.
        assertThat(agent.data().values()).allMatch(e -> e.getUserName().equals("root") && e.getGroupName().equals("root"))
                .allMatch(e -> e.isSymbolicLink() || (e.getMode() & 0002) == 0);
    }

    @Test
    void collectorPackageRunsOnTheSystemJava() {
        assertThat(server.field("Package")).isEqualTo("banwatch-server");
        assertThat(server.field("Architecture")).isEqualTo("all");
        assertThat(server.field("Depends")).contains("java17-runtime-headless", "adduser");
        assertThat(server.control().get("conffiles").strip()).isEqualTo("/etc/banwatch-server/server.properties");
        assertThat(server.data()).containsKeys("/opt/banwatch-server/bin/banwatch-server",
                "/opt/banwatch-server/lib/banwatch-server.jar", "/lib/systemd/system/banwatch-server.service");
        assertThat(server.data().get("/opt/banwatch-server/bin/banwatch-server").getMode() & 0777).isEqualTo(0755);
        assertThat(server.data().get("/usr/bin/banwatch-server").getLinkName()).isEqualTo("/opt/banwatch-server/bin/banwatch-server");
    }
}
