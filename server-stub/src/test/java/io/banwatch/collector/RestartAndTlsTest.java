package io.banwatch.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

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
            c.post("/api/v1/reports", token, ReportBuilder.report()
                    .host(Samples.linuxHost("host-a", "ws-a"))
                    .software(Samples.withKesl())
                    .scannedAt(clock.instant())
                    .json(), null);
        }
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            assertThat(c.server.enrollmentSecret()).isEqualTo(secret);
            var detail = new ObjectMapper().readTree(c.get("/api/v1/hosts/host-a", viewer).body());
            assertThat(detail.path("host").path("level").asText()).isEqualTo("VIOLATION");
            assertThat(detail.path("software").size()).isEqualTo(6);
            assertThat(detail.path("findings").size()).isEqualTo(1);
            assertThat(c.post("/api/v1/reports", token, ReportBuilder.report()
                    .host(Samples.linuxHost("host-a", "ws-a"))
                    .software(Samples.withKesl())
                    .scannedAt(clock.instant().plusSeconds(60))
                    .json(), null).statusCode()).isEqualTo(201);
        }
    }

    @Test
    void servesTlsFromAKeystore() throws Exception {
        Path ks = selfSignedKeystore();
        ServerConfig.Builder b = db.config(dir);
        b.tls = new ServerConfig.Tls(ks, "changeit", null, null);
        try (CollectorServer server = CollectorServer.create(b.build(), clock).start()) {
            assertThat(healthOverTls(trusting(ks), server.port())).contains("reachable");
            // Plain HTTP gets no page on the TLS port: Jetty answers in TLS, which no HTTP client can read.
            HttpClient plain = HttpClient.newHttpClient();
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                    + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
        }
    }

    @Test
    void overTlsTheDashboardsCookiesAreSecure() throws Exception {
        Path ks = selfSignedKeystore();
        ServerConfig.Builder b = db.config(dir);
        b.tls = new ServerConfig.Tls(ks, "changeit", null, null);
        try (CollectorServer server = CollectorServer.create(b.build(), clock).start()) {
            String viewer = server.tokens().issue(io.banwatch.collector.auth.Role.VIEWER, "officer", null).token();
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(ks)).build();
            String base = "https://127.0.0.1:" + server.port();
            HttpResponse<String> page = https.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String loginCookie = DashboardClient.setCookie(page, "banwatch_login");
            assertThat(loginCookie).contains("Secure", "HttpOnly", "SameSite=Strict");
            String form = "csrf=" + DashboardClient.csrfIn(page.body()) + "&token=" + viewer;
            HttpResponse<String> signedIn = https.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", loginCookie.split(";", 2)[0])
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(DashboardClient.setCookie(signedIn, "banwatch_session"))
                    .contains("; Path=/", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=28800");
        }
    }

    @Test
    void servesTlsFromAPemCertificateAndPkcs8Key() throws Exception {
        Path ks = selfSignedKeystore();
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        writePem(ks, cert, key);
        ServerConfig.Builder b = db.config(dir);
        b.tls = new ServerConfig.Tls(null, null, cert, key);
        try (CollectorServer server = CollectorServer.create(b.build(), clock).start()) {
            assertThat(healthOverTls(trusting(ks), server.port())).contains("reachable");
        }
    }

    @Test
    void aKeyFileThatIsNotPkcs8PemStopsTheStartInOneLineNamingTheKey() throws Exception {
        Path ks = selfSignedKeystore();
        Path cert = dir.resolve("server.crt");
        Path key = dir.resolve("server.key");
        writePem(ks, cert, key);
        // A PKCS#1 ("RSA PRIVATE KEY") block, as older openssl writes: not what the collector reads.
        Files.writeString(key, "-----BEGIN RSA PRIVATE KEY-----\nMIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
                + "-----END RSA PRIVATE KEY-----\n");
        List<String> settings = new ArrayList<>(List.of("enrollment.secret=test-enrollment-secret-0123456789",
                "tls.cert=" + cert, "tls.key=" + key));
        if (db.kind() == TestDatabase.Kind.POSTGRES) {
            settings.add("database.url=" + db.url());
            settings.add("database.user=" + db.user());
            settings.add("database.password=" + db.password());
        }
        ServeCommand.Run run = ServeCommand.serve(dir, settings);
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).singleElement().asString()
                .startsWith("banwatch-server: ")
                .contains("tls.key", key.toString(), "PKCS#8");
    }

    /** A self-signed EC certificate for localhost and 127.0.0.1 in a PKCS#12 store, password changeit. */
    private Path selfSignedKeystore() throws Exception {
        return SelfSigned.keystore(dir.resolve("server.p12"));
    }

    private static KeyStore load(Path ks) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        return store;
    }

    /** The keystore's certificate and its private key (PKCS#8) as PEM files, as an operator would get them. */
    private static void writePem(Path ks, Path cert, Path key) throws Exception {
        KeyStore store = load(ks);
        Base64.Encoder pem = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\n"
                + pem.encodeToString(store.getCertificate("banwatch").getEncoded()) + "\n-----END CERTIFICATE-----\n");
        PrivateKey pk = (PrivateKey) store.getKey("banwatch", "changeit".toCharArray());
        assertThat(pk.getFormat()).isEqualTo("PKCS#8");
        Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + pem.encodeToString(pk.getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
    }

    private static SSLContext trusting(Path ks) throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(load(ks));
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    private static String healthOverTls(SSLContext ssl, int port) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().sslContext(ssl).build().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + port + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
