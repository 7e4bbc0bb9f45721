package io.banwatch.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.server.config.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class RestartAndTlsTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    RestartAndTlsTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void aRestartKeepsAllData() throws Exception {
        String token;
        String viewer;
        String secret;
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            token = c.enroll("host-a", "ws-a");
            viewer = c.viewer();
            secret = c.server.enrollmentSecret();
            c.post("/api/v1/reports", token, Reports.json(Reports.report(Reports.host("host-a", "ws-a"),
                    Reports.withKesl(), clock.instant())), null);
        }
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            assertThat(c.server.enrollmentSecret()).isEqualTo(secret);
            var detail = new ObjectMapper().readTree(c.get("/api/v1/hosts/host-a", viewer).body());
            assertThat(detail.path("host").path("level").asText()).isEqualTo("VIOLATION");
            assertThat(detail.path("software").size()).isEqualTo(6);
            assertThat(detail.path("findings").size()).isEqualTo(1);
            assertThat(c.post("/api/v1/reports", token, Reports.json(Reports.report(Reports.host("host-a", "ws-a"),
                    Reports.withKesl(), clock.instant().plusSeconds(60))), null).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void servesTlsFromAKeystore() throws Exception {
        Path ks = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "banwatch", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
                "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();

        ServerConfig.Builder b = db.config(dir);
        b.tls = new ServerConfig.Tls(ks, "changeit", null, null);
        try (CollectorServer server = CollectorServer.create(b.build(), clock).start()) {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(ks)) {
                trust.load(in, "changeit".toCharArray());
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).build();
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.port()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("reachable");
            // Plain HTTP gets no page on the TLS port: Jetty answers in TLS, which no HTTP client can read.
            HttpClient plain = HttpClient.newHttpClient();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }
}
