package io.banwatch.collector;

import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.MutableClock;
import io.banwatch.model.Host;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;
import io.banwatch.rules.RulePackException;
import io.banwatch.rules.RuleSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The organisation's rule packs through the API: added, replaced and removed with an audit-log
 * entry each, refused with {@code --rules}'s one-line errors and nothing changed, and in force for
 * the next report at once.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class RulePacksTest {
    /** The example of docs/rules.md: AnyDesk disallowed for federal contractors from 2027-01-01. */
    static final String ACME = resource("/packs/acme-remote-access.json");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T15:00:00Z"));

    RulePacksTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    static String resource(String name) {
        try (InputStream in = RulePacksTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The example pack under another version. */
    static String acmeVersion(String version) {
        return ACME.replace("\"version\": \"2026.12.02\"", "\"version\": \"" + version + "\"");
    }

    static List<Software> withAnyDesk() {
        List<Software> s = Samples.baseSoftware();
        s.add(Software.pkg("anydesk", "6.3.2", "AnyDesk Software GmbH", "dpkg", "amd64"));
        return s;
    }

    private TestCollector start() {
        var config = db.config(dir);
        config.profile = "us-federal-contractor";
        config.jobWorker = false;
        config.alertWorker = false;
        return TestCollector.start(config.build(), clock);
    }

    static HttpResponse<String> addPack(TestCollector c, String token, String pack, String name) {
        return c.send(HttpRequest.newBuilder(URI.create(c.base + "/api/v1/rules?name=" + name))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(pack)).build());
    }

    @Test
    void thePackTheseTestsUseIsTheExampleOfTheRulesPage() throws IOException {
        Path page = Path.of(System.getProperty("basedir", ".")).resolve("../docs/rules.md");
        assertThat(java.nio.file.Files.readString(page, StandardCharsets.UTF_8)).contains(ACME);
    }

    @Test
    void anAdminAddsReplacesAndRemovesAPackAndEachChangeIsAudited() {
        try (TestCollector c = start()) {
            HttpResponse<String> added = addPack(c, c.admin, ACME, "acme-remote-access.json");
            assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
            assertThat(added.body()).contains("\"change\":\"added\"").contains(sha256(ACME));
            assertThat(c.get("/api/v1/rules", c.admin).body()).contains("\"id\":\"acme-remote-access\"")
                    .contains("\"source\":\"collector\"").contains("\"addedBy\":\"test admin (token")
                    .contains("\"id\":\"kaspersky-us\"");
            assertThat(c.get("/api/v1/rules/acme-remote-access", c.admin).body()).contains(sha256(ACME));

            String v2 = acmeVersion("2026.12.09");
            HttpResponse<String> replaced = addPack(c, c.admin, v2, "acme-remote-access.json");
            assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
            assertThat(replaced.body()).contains("\"change\":\"replaced\"").contains("\"previous\":\"2026.12.02\"");
            assertThat(db.count("SELECT COUNT(*) FROM rule_packs")).isEqualTo(1);
            assertThat(db.text("SELECT version FROM rule_packs")).isEqualTo("2026.12.09");

            HttpResponse<String> again = addPack(c, c.admin, v2, "acme-remote-access.json");
            assertThat(again.body()).as("the same file again changes nothing").contains("\"change\":\"unchanged\"");

            HttpResponse<String> removed = c.delete("/api/v1/rules/acme-remote-access", c.admin);
            assertThat(removed.statusCode()).isEqualTo(200);
            assertThat(c.get("/api/v1/rules", c.admin).body()).doesNotContain("acme-remote-access");
            assertThat(c.delete("/api/v1/rules/acme-remote-access", c.admin).statusCode()).isEqualTo(404);
            assertThat(c.delete("/api/v1/rules/kaspersky-us", c.admin).statusCode())
                    .as("a built-in pack cannot be removed").isEqualTo(404);

            var entries = c.server.audit().recent(10, null).stream().filter(e -> e.action().startsWith("rules."))
                    .toList();
            assertThat(entries).extracting(e -> e.action() + " " + e.subject())
                    .containsExactly("rules.remove acme-remote-access", "rules.replace acme-remote-access",
                            "rules.add acme-remote-access");
            assertThat(entries.get(2).detail()).contains("version 2026.12.02").contains("sha256 " + sha256(ACME));
            assertThat(entries.get(1).detail()).contains("version 2026.12.09").contains("sha256 " + sha256(v2))
                    .contains("replaces version 2026.12.02 (sha256 " + sha256(ACME) + ")");
            assertThat(entries.get(0).detail()).contains("sha256 " + sha256(v2));
            assertThat(entries.get(0).actor().describe()).startsWith("test admin (token ");
        }
    }

    @Test
    void aBadPackIsRefusedWithTheAgentsOneLineErrorAndNothingChanges() {
        String bad = ACME.replace("\"pattern\": \"^anydesk\\\\b\"", "\"pattern\": \"^anydesk(\"");
        assertThat(bad).isNotEqualTo(ACME);
        // What `banwatch scan --rules acme.json` says of the same file.
        String agentSays = catchMessage(() -> RuleSet.builtIn().withPack(
                new ByteArrayInputStream(bad.getBytes(StandardCharsets.UTF_8)), "acme.json"));
        assertThat(agentSays).startsWith("acme.json: product 'anydesk': products[0].signals[0].pattern:");
        try (TestCollector c = start()) {
            HttpResponse<String> refused = addPack(c, c.admin, bad, "acme.json");
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).contains("\"error\":\"invalid_pack\"")
                    .contains("\"message\":\"" + agentSays.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
            assertThat(addPack(c, c.admin, "{\"id\": \"x\",", "broken.json").body())
                    .contains("broken.json: malformed JSON at line 1");

            assertThat(addPack(c, c.admin, ACME, "acme.json").statusCode()).isEqualTo(201);
            HttpResponse<String> sameVersion = addPack(c, c.admin, ACME.replace("ACME IT policy 7: remote access",
                    "ACME IT policy 7"), "acme.json");
            assertThat(sameVersion.statusCode()).as("other content under the version in force").isEqualTo(409);
            assertThat(c.get("/api/v1/rules/acme-remote-access", c.admin).body()).contains(sha256(ACME));
            assertThat(db.count("SELECT COUNT(*) FROM rule_packs")).isEqualTo(1);
            assertThat(db.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'rules.%'")).isEqualTo(1);

            String viewer = c.viewer();
            assertThat(addPack(c, viewer, acmeVersion("9"), "acme.json").statusCode()).isEqualTo(403);
            assertThat(c.get("/api/v1/rules", viewer).statusCode()).isEqualTo(403);
            // Chunked, with no length to refuse it by: the collector reads one byte past the limit and stops.
            HttpResponse<String> huge = c.send(HttpRequest.newBuilder(URI.create(c.base + "/api/v1/rules?name=huge.json"))
                    .header("Authorization", "Bearer " + c.admin).POST(HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofString("x".repeat(1024 * 1024 + 1)))).build());
            assertThat(huge.statusCode()).isEqualTo(413);
            assertThat(db.count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'rules.%'")).isEqualTo(1);
        }
    }

    @Test
    void aCollectorMayJudgeWithAProfileOnlyAStoredPackDefinesAndThatPackThenStays() {
        String lab = ACME.replace("\"id\": \"us-federal-contractor\"", "\"id\": \"acme-lab\"");
        assertThat(lab).isNotEqualTo(ACME);
        try (TestCollector c = start()) {
            assertThat(addPack(c, c.admin, lab, "acme.json").statusCode()).isEqualTo(201);
        }
        var config = db.config(dir);
        config.profile = "acme-lab";
        config.jobWorker = false;
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            HttpResponse<String> refused = c.delete("/api/v1/rules/acme-remote-access", c.admin);
            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(refused.body()).contains("\"error\":\"pack_in_use\"").contains("unknown profile 'acme-lab'");
            assertThat(db.count("SELECT COUNT(*) FROM rule_packs")).isEqualTo(1);
        }
    }

    @Test
    void aNewReportIsJudgedWithAnAddedPackAtOnce() {
        Host host = Samples.linuxHost("host-a", "ws-a");
        try (TestCollector c = start()) {
            String t = c.enroll("host-a", "ws-a");
            ScanReport first = ReportBuilder.report().host(host).software(withAnyDesk()).scannedAt(clock.instant()).build();
            assertThat(c.post("/api/v1/reports", t, ReportBuilder.json(first), null).body()).contains("\"level\":\"CLEAN\"");
            addPack(c, c.admin, ACME, "acme.json");
            clock.advance(Duration.ofMinutes(5));
            HttpResponse<String> second = c.post("/api/v1/reports", t, ReportBuilder.report().host(host).software(withAnyDesk()).scannedAt(clock.instant()).json(), null);
            assertThat(second.body()).contains("\"level\":\"VIOLATION\"");
            assertThat(db.text("SELECT pack_sha256 FROM findings")).isEqualTo(sha256(ACME));
        }
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (RulePackException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the pack to be refused");
    }
}
