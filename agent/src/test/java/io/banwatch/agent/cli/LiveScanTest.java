package io.banwatch.agent.cli;

import io.banwatch.agent.scan.InventorySources;
import io.banwatch.agent.inventory.ProcessCommandRunner;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.ScanReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The real collector on the machine running the tests (a Debian CI machine or a developer's). */
@EnabledOnOs(OS.LINUX)
class LiveScanTest {
    static boolean hasDpkg() {
        return Files.isRegularFile(Path.of("/var/lib/dpkg/status")) && Files.isExecutable(Path.of("/usr/bin/dpkg-query"));
    }

    @Test
    @EnabledIf("hasDpkg")
    void listsAsManyDpkgPackagesAsDpkgQueryAndNoFalseKasperskyFinding() throws Exception {
        CliRun run = CliRun.run(rules -> InventorySources.forThisMachine(new ProcessCommandRunner(), rules::pathsToProbe),
                "scan", "--json");
        assertThat(run.err()).isEmpty();
        ScanReport report = new ReportCodec().read(run.out());
        long dpkg = report.software().stream().filter(s -> s.source().equals("dpkg")).count();
        assertThat(dpkg).isEqualTo(dpkgQueryInstalledCount()).isPositive();
        assertThat(report.host().os().family()).isEqualTo("linux");
        assertThat(report.host().id()).isNotEqualTo(report.host().hostname());
        // Only a machine that really has Kaspersky may show a Kaspersky finding.
        if (!Files.exists(Path.of("/opt/kaspersky"))) {
            assertThat(report.findings()).isEmpty();
            assertThat(run.exitCode()).isEqualTo(ExitCode.CLEAN);
        }
        System.out.printf("live scan: %d dpkg packages, %d observations, %d errors%n", dpkg,
                report.observations().size(), report.errors().size());
    }

    /** Installed means files on disk: dpkg's "installed", "half-configured", "unpacked" and trigger states. */
    private static long dpkgQueryInstalledCount() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f", "${db:Status-Status}\\n").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().filter(s -> s.equals("installed") || s.equals("half-configured") || s.equals("unpacked")
                || s.equals("half-installed") || s.startsWith("triggers-")).count();
    }
}
