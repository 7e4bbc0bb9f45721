package io.banwatch.agent.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.agent.Fixtures;
import io.banwatch.agent.scan.InventorySources;
import io.banwatch.agent.inventory.CommandResult;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** enroll, scan --send, send and status against a stand-in collector on loopback. */
class TransportCommandsTest {
    @TempDir
    Path dir;

    private io.banwatch.agent.send.ScriptedCollectorAccess collector;
    private Path root;
    private Map<String, String> vars;

    @BeforeEach
    void setUp() throws IOException {
        collector = new io.banwatch.agent.send.ScriptedCollectorAccess();
        root = Fixtures.debianWithKesl(dir.resolve("root"));
        Path conf = Files.writeString(dir.resolve("agent.conf"), "collector.url = " + collector.url()
                + "\nenrollment.secret = fleet-secret-0123456789\nprofile = us-federal\n");
        vars = new HashMap<>(Map.of("BANWATCH_CONFIG", conf.toString(), "BANWATCH_STATE_DIR", dir.resolve("state").toString(),
                "BANWATCH_LOG_DIR", dir.resolve("logs").toString()));
    }

    @AfterEach
    void tearDown() {
        collector.close();
    }

    private CliRun run(String... args) {
        // "Live" here is the fake Debian root: the transport does not care where a scan came from.
        return CliRun.run(rules -> InventorySources.forLinuxImage(root, (a, s, t) -> CommandResult.failed("none"),
                rules.pathsToProbe("linux")), vars, args);
    }

    @Test
    void scanSendEnrollsSpoolsAndDelivers() throws Exception {
        CliRun scan = run("scan", "--send");
        assertThat(scan.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(scan.err()).isEmpty();
        assertThat(scan.out()).contains("Profile    us-federal");
        assertThat(collector.received()).hasSize(1);
        assertThat(collector.authorizations()).containsOnly("Bearer bw_h_enrolled");
        Path token = dir.resolve("state/host-token");
        assertThat(Files.readString(token)).contains("token=bw_h_enrolled");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(token))).isEqualTo("rw-------");
        assertThat(dir.resolve("state/spool")).isEmptyDirectory();
        assertThat(dir.resolve("logs/banwatch.log")).content().contains("enrolled host");

        JsonNode status = new ObjectMapper().readTree(run("status", "--json").out());
        assertThat(status.path("collectorReachability").asText()).isEqualTo("reachable");
        assertThat(status.path("enrolledHostId").asText()).isNotBlank();
        assertThat(status.path("lastScanAt").asText()).isNotBlank();
        assertThat(status.path("lastScanFindings").isInt()).as("a number, not a string").isTrue();
        assertThat(status.path("lastScanFindings").asInt()).isEqualTo(2);
        assertThat(status.path("lastSendResult").asText()).isEqualTo("ok");
        assertThat(status.path("lastSendAt").asText()).isNotBlank();
        assertThat(status.path("spoolReports").asInt()).isZero();
    }

    @Test
    void aDownCollectorKeepsTheReportForTheNextSend() throws Exception {
        collector.failNext(1000, 503);
        CliRun scan = run("scan", "--send", "--fail-on", "VIOLATION");
        assertThat(scan.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(scan.err()).startsWith("banwatch: report kept in the spool (1 waiting): collector answered 503");

        CliRun status = run("status");
        assertThat(status.out()).contains("Spool        1 report waiting (1 with findings)");

        CliRun stillDown = run("send", "--budget", "1");
        assertThat(stillDown.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(stillDown.err()).startsWith("banwatch: 1 report(s) kept in the spool");

        collector.failNext(0, 0);
        CliRun send = run("send");
        assertThat(send.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(send.out()).contains("Sent 1 report; 0 waiting.");
        assertThat(collector.received()).hasSize(1);
        assertThat(run("send").out()).contains("Nothing to send");
    }

    @Test
    void aRefusedTokenIsOneClearErrorAndTheReportStays() {
        run("enroll");
        collector.failNext(1000, 401);
        CliRun scan = run("scan", "--send");
        assertThat(scan.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(scan.err().lines()).singleElement().asString()
                .startsWith("banwatch: the collector refused this agent: collector answered 401");
        assertThat(run("status", "--json").out()).contains("\"spoolReports\" : 1");
    }

    // ---- images scanned with --root: each report under its own host's identity ----

    /** A Debian image of another machine (its own machine-id), with nothing of Kaspersky. */
    private Path image() {
        return Fixtures.debian(dir.resolve("image"), "img-1", Fixtures.text("linux/dpkg-status-debian12-clean.txt"));
    }

    private void withoutSecret() throws IOException {
        Path conf = Files.writeString(dir.resolve("no-secret.conf"), "collector.url = " + collector.url()
                + "\nprofile = us-federal\n");
        vars.put("BANWATCH_CONFIG", conf.toString());
    }

    @Test
    void anImageScanWithSendGoesUnderTheImagesOwnIdAndTheMachinesOwnSendStillDelivers() throws Exception {
        collector.checkTokens();
        assertThat(run("scan", "--send").exitCode()).isEqualTo(ExitCode.FINDINGS);

        CliRun imageScan = run("scan", "--root", image().toString(), "--send");
        assertThat(imageScan.err()).isEmpty();
        assertThat(imageScan.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(collector.enrolledHosts()).hasSize(2).doesNotHaveDuplicates();
        try (var files = Files.list(dir.resolve("state/host-tokens"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(collector.enrolledHosts().get(1));
        }
        // The machine's own token is untouched.
        assertThat(Files.readString(dir.resolve("state/host-token"))).contains("token=bw_h_enrolled\n")
                .contains("host-id=" + collector.enrolledHosts().get(0));

        CliRun again = run("scan", "--send");
        assertThat(again.err()).isEmpty();
        assertThat(again.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(collector.received()).hasSize(3);
        assertThat(dir.resolve("state/spool")).isEmptyDirectory();
    }

    @Test
    void withoutTheSecretAnImageScanIsRefusedBeforeItReachesTheSpool() throws Exception {
        collector.checkTokens();
        assertThat(run("enroll", "--secret", "fleet-secret-0123456789").exitCode()).isEqualTo(ExitCode.CLEAN);
        withoutSecret();

        CliRun imageScan = run("scan", "--root", image().toString(), "--send");
        assertThat(imageScan.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(imageScan.err().lines()).singleElement().asString()
                .startsWith("banwatch: --send: host img-1 (")
                .contains("is not this machine and is not enrolled with " + collector.url())
                .endsWith("(set enrollment.secret, or scan images with a state directory of their own:"
                        + " BANWATCH_STATE_DIR=DIR)");
        assertThat(run("status", "--json").out()).contains("\"spoolReports\" : 0");

        CliRun own = run("scan", "--send");
        assertThat(own.err()).isEmpty();
        assertThat(collector.received()).hasSize(1);
    }

    @Test
    void anImageReportLeftBehindByAnOlderAgentNoLongerBlocksTheMachinesOwn() throws Exception {
        collector.checkTokens();
        run("enroll");
        withoutSecret();
        // What an older agent left: an image's report in the machine's spool, older than anything else.
        new io.banwatch.agent.spool.Spool(dir.resolve("state/spool"), 500, 1L << 28)
                .add(ReportBuilder.report().host(Samples.IMAGE).scannedAt(java.time.Instant.parse("2026-01-01T00:00:00Z"))
                        .build());

        CliRun own = run("scan", "--send");
        assertThat(own.exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(own.err().lines()).singleElement().asString()
                .startsWith("banwatch: 1 other report(s) kept in the spool: host img-7 (image-7) is not this machine"
                        + " and is not enrolled with " + collector.url())
                .endsWith("BANWATCH_STATE_DIR=DIR)");
        assertThat(collector.received()).hasSize(1).allMatch(json -> json.contains("\"hostname\":\"ws-0042\""));

        CliRun send = run("send");
        assertThat(send.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(send.out()).isEqualTo("Sent 0 reports; 1 waiting.\n");
    }

    @Test
    void aReportTheCollectorForbidsIsQuarantinedNamedInTheLogAndTheNextOneGoes() throws Exception {
        collector.failNext(1, 403);
        CliRun first = run("scan", "--send");
        assertThat(first.exitCode()).isEqualTo(ExitCode.FINDINGS);
        try (var files = Files.list(dir.resolve("state/spool/quarantine"))) {
            String name = files.map(f -> f.getFileName().toString()).findFirst().orElseThrow();
            assertThat(dir.resolve("logs/banwatch.log")).content().contains("spool file " + name + " moved to "
                    + dir.resolve("state/spool/quarantine") + ": the collector refused report ")
                    .contains("collector answered 403");
        }
        assertThat(run("scan", "--send").exitCode()).isEqualTo(ExitCode.FINDINGS);
        assertThat(collector.received()).hasSize(1);
        assertThat(dir.resolve("state/spool")).isDirectoryContaining(p -> p.getFileName().toString().equals("quarantine"));
    }

    private static String closedPortUrl() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort();
        }
    }

    @Test
    void everyCommandNamesTheNetworkFailureNeverNull() throws IOException {
        String down = closedPortUrl();
        CliRun enroll = run("enroll", "--collector", down);
        assertThat(enroll.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(enroll.err()).isEqualTo("banwatch: cannot enroll with " + down + ": connection refused\n");
        assertThat(run("enroll", "--collector", "http://collector.invalid:8740").err())
                .isEqualTo("banwatch: cannot enroll with http://collector.invalid:8740: unknown host collector.invalid\n");
        assertThat(run("status", "--collector", down).out()).contains("Collector    " + down + " (unreachable: connection"
                + " refused)\n");

        CliRun scan = run("scan", "--send", "--collector", down);
        assertThat(scan.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(scan.err()).isEqualTo("banwatch: cannot enroll with " + down + ": connection refused\n");
        run("enroll");
        Files.writeString(dir.resolve("state/host-token"), Files.readString(dir.resolve("state/host-token"))
                .replace(collector.url().toString(), down));
        CliRun send = run("send", "--collector", down, "--budget", "1");
        assertThat(send.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(send.err()).isEqualTo("banwatch: 1 report(s) kept in the spool: collector unreachable: connection"
                + " refused\n");
        for (CliRun r : List.of(enroll, scan, send)) {
            assertThat(r.err()).doesNotContain("null");
        }
    }

    @Test
    void statusNamesOnlyASettingsFileThatExists() throws Exception {
        assertThat(run("status").out()).startsWith("Config       " + vars.get("BANWATCH_CONFIG") + "\n");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(Path.of("/etc/banwatch/agent.conf")),
                "this machine has a settings file in the default place");
        vars.remove("BANWATCH_CONFIG");
        assertThat(run("status").out()).startsWith("Config       no settings file (defaults and environment)\n");
        assertThat(new ObjectMapper().readTree(run("status", "--json").out()).path("config").isNull()).isTrue();
        assertThat(run("enroll").err()).isEqualTo("banwatch: collector.url is not set (set it in"
                + " /etc/banwatch/agent.conf, or pass --collector URL, or BANWATCH_COLLECTOR_URL)\n");
    }

    @Test
    void enrollNeedsACollectorAndASecret() throws IOException {
        Path bare = Files.writeString(dir.resolve("bare.conf"), "");
        vars.put("BANWATCH_CONFIG", bare.toString());
        CliRun noUrl = run("enroll");
        assertThat(noUrl.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(noUrl.err()).isEqualTo("banwatch: " + bare + ": collector.url is not set (set it there, or pass"
                + " --collector URL, or BANWATCH_COLLECTOR_URL)\n");
        CliRun noSecret = run("enroll", "--collector", collector.url().toString());
        assertThat(noSecret.err()).isEqualTo("banwatch: " + bare + ": enrollment.secret is not set (set it there, or"
                + " pass --secret, or BANWATCH_ENROLLMENT_SECRET)\n");
        CliRun ok = run("enroll", "--collector", collector.url().toString(), "--secret", "fleet-secret-0123456789");
        assertThat(ok.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(ok.out()).startsWith("Enrolled ws-0042 (host id ");
    }

    @Test
    void aBadConfigValueIsOneLineNamingKeyAndFile() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conf"), "collector.url = ftp://nope\n");
        vars.put("BANWATCH_CONFIG", bad.toString());
        CliRun r = run("send");
        assertThat(r.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).isEqualTo("banwatch: " + bad + ": collector.url must be an http:// or https:// URL with a host,"
                + " not 'ftp://nope'\n");
    }

    @Test
    void aBadProfileInTheFileStopsEvenAPlainScan() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.conf"), "profile = eu-private\n");
        vars.put("BANWATCH_CONFIG", bad.toString());
        CliRun r = run("scan");
        assertThat(r.exitCode()).isEqualTo(ExitCode.ERROR);
        assertThat(r.err()).isEqualTo("banwatch: " + bad + ": profile must be us-federal, us-federal-contractor or"
                + " us-private, not 'eu-private'\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void setOverridesTheEnvironmentWhichOverridesTheFile() throws Exception {
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(run("status", "--json").out()).path("profile").asText()).isEqualTo("us-federal");
        vars.put("BANWATCH_PROFILE", "us-federal-contractor");
        assertThat(json.readTree(run("status", "--json").out()).path("profile").asText())
                .isEqualTo("us-federal-contractor");
        CliRun set = run("status", "--json", "--set", "profile=us-private", "--set=log.level=debug");
        assertThat(set.exitCode()).isEqualTo(ExitCode.CLEAN);
        assertThat(json.readTree(set.out()).path("profile").asText()).isEqualTo("us-private");
        // A scan judges with it too.
        assertThat(run("scan", "--set", "profile=us-private").out()).contains("Profile    us-private");
    }

    @Test
    void aBadSetIsOneLineNamingKeyAndSetOnEveryCommand() {
        for (String command : new String[] {"enroll", "scan", "send", "status"}) {
            CliRun value = run(command, "--set", "spool.max-reports=lots");
            assertThat(value.exitCode()).as(command).isEqualTo(ExitCode.ERROR);
            assertThat(value.err()).as(command)
                    .isEqualTo("banwatch: --set: spool.max-reports must be a whole number, not 'lots'\n");
            CliRun key = run(command, "--set", "spool.max-report=5");
            assertThat(key.exitCode()).as(command).isEqualTo(ExitCode.ERROR);
            assertThat(key.err()).as(command).startsWith("banwatch: --set: unknown key 'spool.max-report' (known keys: ")
                    .endsWith(")\n").hasLineCount(1);
        }
        assertThat(run("scan", "--profile", "us-private", "--set", "profile=eu-private").err())
                .as("checked even when --profile wins").isEqualTo("banwatch: --set: profile must be us-federal,"
                        + " us-federal-contractor or us-private, not 'eu-private'\n");
        assertThat(run("enroll", "--secret", "fleet-secret-0123456789", "--set", "enrollment.secret=another-secret-0123")
                .err()).isEqualTo("banwatch: --set: enrollment.secret is also given by --secret; give it once\n");
        assertThat(collector.received()).isEmpty();
    }
}
