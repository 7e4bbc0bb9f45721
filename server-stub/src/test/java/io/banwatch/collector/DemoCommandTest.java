package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.demo.SimulatedFleet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code banwatch-server demo}, run in-process as the command line parses it: a collector on
 * 127.0.0.1 only, filled through its API with the simulated fleet, whose every page is populated;
 * bad flags get one line each. (The fleet's judgement on both databases: {@link DemoFleetTest}.)
 */
class DemoCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private static final Pattern ROW = Pattern.compile("<tr><td");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    private static DemoCommand parse(String... args) {
        CommandLine.ParseResult parsed = CollectorMain.commandLine().parseArgs(args);
        return (DemoCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void theDemoFillsEveryPageThroughTheApiAndListensOnLoopbackOnly() throws Exception {
        StringWriter out = new StringWriter();
        DemoCommand command = parse("demo", "--port", "0");
        Path data;
        try (DemoCommand.Running demo = command.start(new MutableClock(NOW), new PrintWriter(out, true))) {
            data = demo.data();
            assertThat(out.toString()).contains("banwatch demo: 40 simulated hosts, 46 reports, 1 retired",
                    "  dashboard:   " + demo.url() + "/", "  admin token: " + demo.adminToken(),
                    "(deleted when the demo stops)");
            assertThat(demo.url()).startsWith("http://127.0.0.1:");
            assertThat(demo.adminToken()).startsWith("bw_a_");
            assertThat(Files.isDirectory(data)).isTrue();

            TestCollectorClient c = new TestCollectorClient(demo.url(), demo.adminToken());
            JsonNode hosts = json.readTree(c.ok("/api/v1/hosts?size=1000")).path("items");
            assertThat(hosts.size()).as("the retired laptop left the list").isEqualTo(39);
            Map<String, Set<String>> levelsByOs = new HashMap<>();
            Set<String> profiles = new TreeSet<>();
            hosts.forEach(h -> {
                levelsByOs.computeIfAbsent(h.path("osFamily").asText(), k -> new TreeSet<>()).add(h.path("level").asText());
                profiles.add(h.path("profile").asText());
            });
            assertThat(levelsByOs.get("windows")).containsExactlyInAnyOrder("VIOLATION", "RISK", "INFO", "INCOMPLETE",
                    "CLEAN");
            assertThat(levelsByOs.get("macos")).contains("VIOLATION", "INFO", "INCOMPLETE", "CLEAN");
            assertThat(levelsByOs.get("linux")).contains("VIOLATION", "RISK", "INCOMPLETE", "CLEAN");
            assertThat(profiles).containsExactly("us-federal", "us-federal-contractor", "us-private");
            assertThat(json.readTree(c.ok("/api/v1/hosts?stale=1")).path("total").asInt()).isEqualTo(4);
            JsonNode retired = json.readTree(c.ok("/api/v1/hosts?retired=only")).path("items");
            assertThat(retired.size()).isEqualTo(1);
            assertThat(retired.get(0).path("retiredReason").asText()).startsWith("laptop decommissioned");
            JsonNode summary = json.readTree(c.ok("/api/v1/summary"));
            assertThat(summary.toString()).contains("\"VIOLATION\"");

            String someHost = hosts.get(0).path("hostId").asText();
            Map<String, Integer> rows = new java.util.LinkedHashMap<>();
            for (String page : List.of("/hosts", "/hosts?stale=1", "/findings", "/findings?level=RISK",
                    "/hosts/" + someHost, "/admin/tokens", "/admin/audit")) {
                Matcher m = ROW.matcher(c.ok(page));
                int n = 0;
                while (m.find()) {
                    n++;
                }
                rows.put(page, n);
            }
            assertThat(rows).allSatisfy((page, n) -> assertThat(n).as(page).isPositive());
            assertThat(rows.get("/hosts")).isEqualTo(39);
            assertThat(rows.get("/hosts?stale=1")).isEqualTo(4);
            assertThat(c.ok("/")).contains("Fleet summary").doesNotContain("No host has reported");
            assertThat(c.ok("/reports/audit/document?profile=us-federal")).contains("ticket IT-");
            assertThat(c.ok("/admin/audit")).contains("host.retire", "auditor (demo)", "system: demo");
            assertThat(c.ok("/export/findings.csv").lines().count()).isGreaterThan(15);

            int port = Integer.parseInt(demo.url().substring(demo.url().lastIndexOf(':') + 1));
            List<InetAddress> others = LoopbackDefaultTest.nonLoopbackAddresses();
            Assumptions.assumeFalse(others.isEmpty(), "this machine has no non-loopback address to try");
            for (InetAddress a : others) {
                assertThat(LoopbackDefaultTest.connects(a, port)).as("listening on %s", a.getHostAddress()).isFalse();
            }
        }
        assertThat(Files.exists(data)).as("the temporary data directory is deleted when the demo stops").isFalse();
    }

    @Test
    void aGivenDataDirectoryIsKeptAndARunAgainOnItAddsNothingTwice() throws Exception {
        Path data = dir.resolve("demo-data");
        for (int run = 0; run < 2; run++) {
            try (DemoCommand.Running demo = parse("demo", "--data", data.toString())
                    .start(new MutableClock(NOW), new PrintWriter(new StringWriter(), true))) {
                assertThat(demo.temporary()).isFalse();
                JsonNode hosts = json.readTree(new TestCollectorClient(demo.url(), demo.adminToken())
                        .ok("/api/v1/hosts?retired=all&size=1000"));
                assertThat(hosts.path("total").asInt()).isEqualTo(40);
            }
            assertThat(Files.isDirectory(data)).isTrue();
        }
    }

    @Test
    void theSameSeedAndTimeGiveTheSameFleetAndAnotherSeedAnother() {
        assertThat(SimulatedFleet.build(13, NOW)).isEqualTo(SimulatedFleet.build(13, NOW)).hasSize(40);
        assertThat(SimulatedFleet.build(14, NOW)).isNotEqualTo(SimulatedFleet.build(13, NOW));
        assertThat(SimulatedFleet.build(13, NOW)).extracting(SimulatedFleet.SimulatedHost::hostname)
                .doesNotHaveDuplicates();
    }

    @Test
    void badFlagsGetOneLineAndExitCodeTwo() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertOneLine(CliTest.run("demo", "--port", "abc"),
                "banwatch-server: --port must be a whole number, not 'abc' (see 'banwatch-server demo --help')");
        assertOneLine(CliTest.run("demo", "--port", "70000"), "banwatch-server: --port must be 0 to 65535, not 70000");
        assertOneLine(CliTest.run("demo", "--nope"),
                "banwatch-server: unknown option --nope (see 'banwatch-server demo --help')");
        assertOneLine(CliTest.run("demo", "--data", file.toString()),
                "banwatch-server: --data " + file + " is a file, not a directory");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CliTest.Run busy = CliTest.run("demo", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(busy.exit()).isEqualTo(2);
            assertThat(busy.err().lines()).singleElement().asString().startsWith("banwatch-server: ")
                    .contains(Integer.toString(taken.getLocalPort()));
        }
    }

    private static void assertOneLine(CliTest.Run run, String line) {
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines()).containsExactly(line);
    }

    /** Reads the demo with its admin token, as a script would. */
    private record TestCollectorClient(String base, String token) {
        String ok(String path) {
            java.net.http.HttpRequest r = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + path))
                    .header("Authorization", "Bearer " + token).build();
            try {
                HttpResponse<String> res = java.net.http.HttpClient.newHttpClient().send(r,
                        HttpResponse.BodyHandlers.ofString());
                assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
                return res.body();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
