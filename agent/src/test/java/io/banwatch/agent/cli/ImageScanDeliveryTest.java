package io.banwatch.agent.cli;

import io.banwatch.agent.Fixtures;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.agent.scan.InventorySources;
import io.banwatch.agent.spool.Spool;
import io.banwatch.agent.testkit.CollectorJvm;
import io.banwatch.json.ReportCodec;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against the real collector: a report of a scanned image goes under the image's own
 * host id, and never stops the machine's own reports from being delivered.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ImageScanDeliveryTest {
    @TempDir
    static Path shared;

    private static CollectorJvm collector;

    @TempDir
    Path dir;

    @BeforeAll
    static void startCollector() throws Exception {
        collector = new CollectorJvm(shared.resolve("collector")).start();
    }

    @AfterAll
    static void stopCollector() throws Exception {
        collector.close();
    }

    private Map<String, String> agent(boolean withSecret) throws Exception {
        Path conf = Files.writeString(dir.resolve("agent.conf"), "collector.url = " + collector.url() + "\n"
                + (withSecret ? "enrollment.secret = " + CollectorJvm.SECRET + "\n" : ""));
        return new HashMap<>(Map.of("BANWATCH_CONFIG", conf.toString(), "BANWATCH_STATE_DIR",
                dir.resolve("state").toString(), "BANWATCH_LOG_DIR", dir.resolve("logs").toString()));
    }

    /** The banwatch command line, where "this machine" is a fake Debian root of its own. */
    private CliRun run(Map<String, String> vars, String... args) {
        Path machine = dir.resolve("machine");
        if (!Files.exists(machine)) {
            Fixtures.debianWithKesl(machine);
        }
        return CliRun.run(rules -> InventorySources.forLinuxImage(machine, (a, s, t) -> CommandResult.failed("none"),
                rules.pathsToProbe("linux")), vars, args);
    }

    private Path image() {
        return Fixtures.debian(dir.resolve("image"), "img-1", Fixtures.text("linux/dpkg-status-debian12-clean.txt"));
    }

    private static String reportId(CliRun run) {
        return new ReportCodec().read(run.out()).reportId();
    }

    @Test
    void afterAnImageScanWithSendTheMachinesOwnScanStillDelivers() throws Exception {
        Map<String, String> vars = agent(true);
        CliRun own = run(vars, "scan", "--send", "--json");
        assertThat(own.err()).isEmpty();
        CliRun imageScan = run(vars, "scan", "--root", image().toString(), "--send", "--json");
        assertThat(imageScan.err()).isEmpty();
        assertThat(imageScan.exitCode()).isEqualTo(ExitCode.CLEAN);
        CliRun ownAgain = run(vars, "scan", "--send", "--json");
        assertThat(ownAgain.err()).isEmpty();
        assertThat(ownAgain.exitCode()).isEqualTo(ExitCode.FINDINGS);

        assertThat(collector.storedReportIds()).contains(reportId(own), reportId(imageScan), reportId(ownAgain));
        assertThat(new Spool(dir.resolve("state/spool"), 500, 1L << 28).pending()).isEmpty();
        assertThat(dir.resolve("state/host-tokens")).isNotEmptyDirectory();
    }

    @Test
    void withoutTheSecretTheImageIsRefusedBeforeTheSpoolAndTheMachineStillDelivers() throws Exception {
        Map<String, String> vars = agent(false);
        assertThat(run(vars, "enroll", "--secret", CollectorJvm.SECRET).exitCode()).isEqualTo(ExitCode.CLEAN);
        CliRun imageScan = run(vars, "scan", "--root", image().toString(), "--send");
        assertThat(imageScan.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(imageScan.err()).contains("BANWATCH_STATE_DIR").hasLineCount(1);

        CliRun own = run(vars, "scan", "--send", "--json");
        assertThat(own.err()).isEmpty();
        assertThat(collector.storedReportIds()).contains(reportId(own));
        assertThat(new Spool(dir.resolve("state/spool"), 500, 1L << 28).pending()).isEmpty();
    }

    @Test
    void aReportTheCollectorForbidsIsQuarantinedAndTheOthersAreDelivered() throws Exception {
        Map<String, String> vars = agent(false);
        assertThat(run(vars, "enroll", "--secret", CollectorJvm.SECRET).exitCode()).isEqualTo(ExitCode.CLEAN);
        // An image's report with the machine's token filed under the image (as if copied by hand): the
        // collector answers 403, "this token belongs to host ...".
        Path state = dir.resolve("state");
        Files.createDirectories(state.resolve("host-tokens"));
        Files.writeString(state.resolve("host-tokens/" + Samples.IMAGE.id()), Files.readString(state.resolve("host-token"))
                .replaceFirst("host-id=[^\n]*", "host-id=" + Samples.IMAGE.id()));
        new Spool(state.resolve("spool"), 500, 1L << 28).add(ReportBuilder.report()
                .host(Samples.IMAGE)
                .scannedAt(Instant.parse("2026-01-01T00:00:00Z"))
                .build());

        CliRun own = run(vars, "scan", "--send", "--json");
        assertThat(own.err()).isEmpty();
        assertThat(collector.storedReportIds()).contains(reportId(own));
        assertThat(state.resolve("spool/quarantine")).isNotEmptyDirectory();
        assertThat(dir.resolve("logs/banwatch.log")).content().contains("collector answered 403: this token belongs to host");
    }
}
