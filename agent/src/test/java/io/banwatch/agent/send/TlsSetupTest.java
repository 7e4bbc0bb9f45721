package io.banwatch.agent.send;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sender's TLS: an organisation's own CA, and pins of the collector's key. */
class TlsSetupTest {
    @TempDir
    static Path dir;

    static HttpsServer server;
    static Path caPem;
    static String pin;

    @BeforeAll
    static void start() throws Exception {
        Path ks = dir.resolve("collector.p12");
        keytool("-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                ks.toString(), "-storepass", "changeit", "-keypass", "changeit");
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks)) {
            store.load(in, "changeit".toCharArray());
        }
        X509Certificate cert = (X509Certificate) store.getCertificate("collector");
        caPem = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder().encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
        pin = TlsSetup.pinOf(cert);

        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(store, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/healthz", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    }

    private static int get(SSLContext ssl) throws Exception {
        HttpClient c = HttpClient.newBuilder().sslContext(ssl).build();
        return c.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.getAddress().getPort() + "/healthz"))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void trustsTheCollectorThroughItsOwnCaFile() throws Exception {
        assertThat(get(TlsSetup.context(caPem, List.of()))).isEqualTo(200);
    }

    @Test
    void refusesTheCollectorWithoutThatCa() {
        assertThatThrownBy(() -> get(TlsSetup.context(null, List.of()))).isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void acceptsAMatchingPinAndRefusesAnyOther() throws Exception {
        assertThat(get(TlsSetup.context(caPem, List.of(pin)))).isEqualTo(200);
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> get(TlsSetup.context(caPem, List.of(other))))
                .isInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("matches none of tls.pin-sha256 (its pin is " + pin + ")");
    }
}
