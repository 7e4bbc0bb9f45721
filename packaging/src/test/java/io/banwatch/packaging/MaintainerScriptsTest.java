package io.banwatch.packaging;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the .deb and .rpm scripts must do; check-packages.sh runs them for real (dpkg -i, -r, -P).
 */
class MaintainerScriptsTest {
    static String deb(String pkg, String script) throws Exception {
        return Files.readString(Build.src().resolve("linux").resolve(pkg).resolve("deb").resolve(script));
    }

    @Test
    void everyScriptStopsOnErrors() throws Exception {
        for (String pkg : new String[] {"agent", "server"}) {
            for (String script : new String[] {"postinst", "prerm", "postrm"}) {
                String text = deb(pkg, script);
                assertThat(text).as("%s/%s", pkg, script).startsWith("#!/bin/sh\n").contains("\nset -e\n").endsWith("exit 0\n");
                assertThat(Files.isExecutable(Build.src().resolve("linux").resolve(pkg).resolve("deb").resolve(script))).isTrue();
            }
        }
    }

    @Test
    void agentPostinstEnablesTheTimerAndStartsItOnlyUnderSystemd() throws Exception {
        String postinst = deb("agent", "postinst");
        assertThat(postinst).contains("deb-systemd-helper enable 'banwatch-scan.timer'",
                "if [ -d /run/systemd/system ]; then",
                "deb-systemd-invoke \"$action\" 'banwatch-scan.timer'");
        // Starting happens inside the systemd guard.
        assertThat(postinst.indexOf("deb-systemd-invoke")).isGreaterThan(postinst.indexOf("if [ -d /run/systemd/system ]"));
        assertThat(postinst).contains("BANWATCH_CDS_DUMP=");
    }

    @Test
    void agentPrermStopsAndPostrmPurgesData() throws Exception {
        assertThat(deb("agent", "prerm")).contains("deb-systemd-invoke stop 'banwatch-scan.timer' 'banwatch-scan.service'");
        String postrm = deb("agent", "postrm");
        assertThat(postrm).contains("deb-systemd-helper mask 'banwatch-scan.timer'", "deb-systemd-helper purge 'banwatch-scan.timer'");
        String purge = postrm.substring(postrm.indexOf("if [ \"$1\" = \"purge\" ]"));
        assertThat(purge).contains("rm -rf /var/lib/banwatch /var/log/banwatch /etc/banwatch");
        // Data goes on purge only.
        assertThat(postrm.substring(0, postrm.indexOf("if [ \"$1\" = \"purge\" ]"))).doesNotContain("rm -rf");
    }

    @Test
    void serverPostinstMakesItsSystemUser() throws Exception {
        String postinst = deb("server", "postinst");
        assertThat(postinst).contains("adduser --system --group", "banwatch-server",
                "chown banwatch-server:banwatch-server /var/lib/banwatch-server");
    }

    @Test
    void rpmScriptletsTellInstallFromUpgrade() throws Exception {
        Path rpm = Build.src().resolve("linux/agent/rpm");
        assertThat(Files.readString(rpm.resolve("post.sh"))).contains("if [ \"$1\" -eq 1 ]", "systemctl --no-reload enable banwatch-scan.timer");
        assertThat(Files.readString(rpm.resolve("preun.sh"))).contains("if [ \"$1\" -eq 0 ]", "disable banwatch-scan.timer");
    }
}
