package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Every role against every kind of route: 401 for no or bad tokens, 403 for the wrong role. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AuthTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private TestCollector c;
    private String hostToken;
    private String viewer;

    AuthTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        hostToken = c.enroll("host-a", "ws-a");
        viewer = c.viewer();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private byte[] report() {
        return ReportBuilder.report()
                .host(Samples.linuxHost("host-a", "ws-a"))
                .software(Samples.baseSoftware())
                .scannedAt(clock.instant())
                .json();
    }

    @Test
    void noTokenIsUnauthorizedEverywhere() {
        for (String path : new String[]{"/api/v1/summary", "/api/v1/hosts", "/api/v1/findings", "/api/v1/tokens",
                "/api/v1/export/hosts.csv", "/metrics"}) {
            HttpResponse<String> r = c.get(path, null);
            assertThat(r.statusCode()).as(path).isEqualTo(401);
            assertThat(r.body()).as(path).contains("\"error\":\"unauthorized\"");
        }
        assertThat(c.post("/api/v1/reports", null, report(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void aWrongOrMalformedTokenIsUnauthorized() {
        assertThat(c.get("/api/v1/summary", "bw_v_not-a-real-token").statusCode()).isEqualTo(401);
        assertThat(c.get("/api/v1/summary", "x".repeat(5000)).statusCode()).isEqualTo(401);
        assertThat(c.post("/api/v1/reports", "garbage", report(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void aRevokedTokenIsUnauthorized() {
        assertThat(c.get("/api/v1/summary", viewer).statusCode()).isEqualTo(200);
        long id = c.server.tokens().list().stream().filter(t -> t.name().equals("test viewer")).findFirst().orElseThrow().id();
        assertThat(c.delete("/api/v1/tokens/" + id, c.admin).statusCode()).isEqualTo(204);
        assertThat(c.get("/api/v1/summary", viewer).statusCode()).isEqualTo(401);
    }

    @Test
    void aViewerReadsButCannotWrite() {
        assertThat(c.get("/api/v1/summary", viewer).statusCode()).isEqualTo(200);
        assertThat(c.get("/api/v1/hosts", viewer).statusCode()).isEqualTo(200);
        assertThat(c.get("/api/v1/export/findings.csv", viewer).statusCode()).isEqualTo(200);
        assertThat(c.post("/api/v1/reports", viewer, report(), null).statusCode()).isEqualTo(403);
        assertThat(c.post("/api/v1/tokens", viewer, "{\"role\":\"viewer\",\"name\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(c.get("/api/v1/tokens", viewer).statusCode()).isEqualTo(403);
        assertThat(c.delete("/api/v1/tokens/1", viewer).statusCode()).isEqualTo(403);
    }

    @Test
    void aHostTokenSendsReportsAndReadsNothing() {
        assertThat(c.post("/api/v1/reports", hostToken, report(), null).statusCode()).isEqualTo(201);
        assertThat(c.get("/api/v1/summary", hostToken).statusCode()).isEqualTo(403);
        assertThat(c.get("/api/v1/hosts/host-a", hostToken).statusCode()).isEqualTo(403);
        assertThat(c.get("/api/v1/tokens", hostToken).statusCode()).isEqualTo(403);
    }

    @Test
    void anAdminManagesTokensWhichAreStoredHashed() throws Exception {
        HttpResponse<String> created = c.post("/api/v1/tokens", c.admin, "{\"role\":\"viewer\",\"name\":\"auditor\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String token = created.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        assertThat(token).startsWith("bw_v_");
        assertThat(c.get("/api/v1/summary", token).statusCode()).isEqualTo(200);

        HttpResponse<String> list = c.get("/api/v1/tokens", c.admin);
        assertThat(list.body()).contains("auditor").doesNotContain(token).doesNotContain("hash");
        // At rest: only SHA-256 hashes, never a token.
        assertThat(db.count("SELECT COUNT(*) FROM tokens WHERE token_hash = '" + token + "'")).isZero();
        assertThat(db.count("SELECT COUNT(*) FROM tokens WHERE length(token_hash) = 64")).isEqualTo(
                db.count("SELECT COUNT(*) FROM tokens"));

        assertThat(c.post("/api/v1/tokens", c.admin, "{\"role\":\"host\",\"name\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(c.post("/api/v1/tokens", c.admin, "{\"role\":\"root\",\"name\":\"x\"}").statusCode()).isEqualTo(400);
        assertThat(c.post("/api/v1/tokens", c.admin, "{\"role\":\"viewer\"}").statusCode()).isEqualTo(400);
        assertThat(c.delete("/api/v1/tokens/99999", c.admin).statusCode()).isEqualTo(404);
        assertThat(c.delete("/api/v1/tokens/abc", c.admin).statusCode()).isEqualTo(400);
    }

    @Test
    void enrollmentNeedsTheSecretAndReEnrollingRevokesTheOldToken() {
        assertThat(c.post("/api/v1/enroll", null, "{\"enrollmentSecret\":\"wrong\",\"hostId\":\"h1\"}").statusCode())
                .isEqualTo(401);
        assertThat(c.post("/api/v1/enroll", null, "{\"enrollmentSecret\":\"" + c.server.enrollmentSecret()
                + "\",\"hostId\":\"bad id with spaces\"}").statusCode()).isEqualTo(400);
        assertThat(c.post("/api/v1/enroll", null, "not json").statusCode()).isEqualTo(400);
        String second = c.enroll("host-a", "ws-a");
        assertThat(c.post("/api/v1/reports", hostToken, report(), null).statusCode()).isEqualTo(401);
        assertThat(c.post("/api/v1/reports", second, report(), null).statusCode()).isEqualTo(201);
    }

    @Test
    void firstStartWritesOwnerOnlySecretFiles() throws Exception {
        Path admin = dir.resolve("initial-admin-token");
        assertThat(admin).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(admin))).isEqualTo("rw-------");
        String token = Files.readString(admin).strip();
        assertThat(c.get("/api/v1/tokens", token).statusCode()).isEqualTo(200);
    }

    @Test
    void healthNeedsNoToken() {
        HttpResponse<String> r = c.get("/healthz", null);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("\"database\":\"reachable\"");
        assertThat(r.body()).contains("\"databaseKind\":\"" + db.kind().name().toLowerCase() + "\"");
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v ->
                assertThat(v).contains("default-src 'none'"));
        assertThat(c.get("/no/such/route", viewer).statusCode()).isEqualTo(404);
    }
}
