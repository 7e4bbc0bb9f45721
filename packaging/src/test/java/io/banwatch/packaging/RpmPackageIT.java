package io.banwatch.packaging;

import org.apache.commons.compress.archivers.cpio.CpioArchiveEntry;
import org.apache.commons.compress.archivers.cpio.CpioArchiveInputStream;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.parse.InputHeader;
import org.eclipse.packager.rpm.parse.RpmInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The built .rpm read back (check-packages.sh also queries it with rpm). */
class RpmPackageIT {
    static Map<String, Long> modes = new LinkedHashMap<>();
    static InputHeader<RpmTag> header;

    @BeforeAll
    static void read() throws Exception {
        Path rpm = Build.target().resolve("banwatch-" + Build.version() + "-1.x86_64.rpm");
        assertThat(rpm).isRegularFile();
        try (RpmInputStream in = new RpmInputStream(Files.newInputStream(rpm))) {
            header = in.getPayloadHeader();
            CpioArchiveInputStream cpio = in.getCpioStream();
            CpioArchiveEntry e;
            while ((e = cpio.getNextCPIOEntry()) != null) {
                modes.put(e.getName().replaceFirst("^\\./", "/"), e.getMode());
            }
        }
    }

    @Test
    void namesTheAgentPackage() {
        assertThat(header.getTag(RpmTag.NAME)).isEqualTo("banwatch");
        assertThat(header.getTag(RpmTag.VERSION)).isEqualTo(Build.version());
        assertThat(header.getTag(RpmTag.ARCH)).isEqualTo("x86_64");
        assertThat(List.of((String[]) header.getTag(RpmTag.REQUIRE_NAME))).contains("glibc", "zlib", "systemd");
    }

    @Test
    void holdsTheSameFilesAsTheDeb() {
        assertThat(modes).containsKeys("/opt/banwatch/bin/banwatch", "/opt/banwatch/runtime/bin/java",
                "/opt/banwatch/lib/banwatch-agent.jar", "/etc/banwatch/agent.conf",
                "/usr/lib/systemd/system/banwatch-scan.service", "/usr/lib/systemd/system/banwatch-scan.timer",
                "/usr/bin/banwatch");
        assertThat(modes.get("/opt/banwatch/bin/banwatch") & 0777).isEqualTo(0755);
        assertThat(modes.get("/opt/banwatch/runtime/bin/java") & 0777).isEqualTo(0755);
        assertThat(modes.get("/etc/banwatch/agent.conf") & 0777).isEqualTo(0640);
        assertThat(modes.get("/usr/bin/banwatch") & 0170000).isEqualTo(0120000);
    }

    @Test
    void agentConfIsConfigNoReplace() {
        String[] names = (String[]) header.getTag(RpmTag.BASENAMES);
        int i = Arrays.asList(names).indexOf("agent.conf");
        assertThat(i).isNotNegative();
        int flags = ((Integer[]) header.getTag(RpmTag.FILE_FLAGS))[i];
        // RPMFILE_CONFIG = 1, RPMFILE_NOREPLACE = 16.
        assertThat(flags & 1).isEqualTo(1);
        assertThat(flags & 16).isEqualTo(16);
    }

    @Test
    void hasTheScriptlets() {
        assertThat((String) header.getTag(RpmTag.POSTINSTALL_SCRIPT)).contains("systemctl --no-reload enable banwatch-scan.timer");
        assertThat((String) header.getTag(RpmTag.PREREMOVE_SCRIPT)).contains("disable banwatch-scan.timer");
    }
}
