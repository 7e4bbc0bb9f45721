package io.banwatch.agent.send;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every way of not reaching the collector is named, never "null": real loopback sockets for a
 * closed port, a server that never answers, a plain-HTTP server spoken to with https, a collector
 * whose certificate is not trusted or not pinned, and a name that cannot resolve.
 */
class NetworkFailureTest {
    @TempDir
    static Path dir;

    private static final List<ServerSocket> sockets = new ArrayList<>();
    private static HttpsServer tls;
    private static Path caPem;
    private static String pin;

    @BeforeAll
    static void startTlsCollector() throws Exception {
        Path ks = dir.resolve("collector.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "collector", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                ks.toString(), "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
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
        tls = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        tls.setHttpsConfigurator(new HttpsConfigurator(ssl));
        tls.createContext("/", ex -> {
            ex.sendResponseHeaders(201, -1);
            ex.close();
        });
        tls.start();
    }

    @AfterAll
    static void stop() throws IOException {
        tls.stop(0);
        for (ServerSocket s : sockets) {
            s.close();
        }
    }

    private static CollectorClient client(String url, SSLContext ssl, Duration timeout) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2));
        if (ssl != null) {
            b.sslContext(ssl);
        }
        return new CollectorClient(b.build(), URI.create(url), Clock.systemUTC(), "test", timeout);
    }

    private static CollectorClient client(String url) {
        return client(url, null, Duration.ofSeconds(5));
    }

    private static String enrollFailure(CollectorClient client) {
        try {
            client.enroll("fleet-secret-0123456789", "host-1", "ws-1");
        } catch (DeliveryException e) {
            return e.getMessage();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("enrolled");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A server that accepts connections and never says a word. */
    private static int silentPort() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(s);
        Thread t = new Thread(() -> {
            List<Socket> held = new ArrayList<>();
            try {
                while (true) {
                    held.add(s.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    /** A plain-HTTP server, as any collector behind http:// is: it answers bytes it cannot parse with a 400. */
    private static int plainHttpPort() throws IOException {
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        sockets.add(s);
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    try (Socket c = s.accept()) {
                        c.getInputStream().read(new byte[4096]);
                        OutputStream out = c.getOutputStream();
                        out.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        t.setDaemon(true);
        t.start();
        return s.getLocalPort();
    }

    @Test
    void aClosedPortIsAConnectionRefused() throws Exception {
        String url = "http://127.0.0.1:" + closedPort();
        assertThat(enrollFailure(client(url))).isEqualTo("cannot enroll with " + url + ": connection refused");
        assertThat(client(url).health()).isEqualTo("unreachable: connection refused");
        assertThat(client(url).postReport(new byte[] {1}, "t"))
                .isEqualTo(new SendOutcome.Retry("collector unreachable: connection refused", -1));
    }

    @Test
    void aNameThatDoesNotResolveIsAnUnknownHost() {
        String url = "http://collector.invalid:8740";
        assertThat(enrollFailure(client(url))).isEqualTo("cannot enroll with " + url + ": unknown host collector.invalid");
        assertThat(client(url).health()).isEqualTo("unreachable: unknown host collector.invalid");
    }

    @Test
    void aServerThatNeverAnswersIsATimeoutWithItsLength() throws Exception {
        String url = "http://127.0.0.1:" + silentPort();
        assertThat(enrollFailure(client(url, null, Duration.ofSeconds(1))))
                .isEqualTo("cannot enroll with " + url + ": timed out after 1 s (no answer)");
        assertThat(client(url, null, Duration.ofMillis(500)).postReport(new byte[] {1}, "t"))
                .isEqualTo(new SendOutcome.Retry("collector unreachable: timed out after 500 ms (no answer)", -1));
        // Over TLS the handshake is part of connecting, which has a timeout of its own.
        String https = "https://127.0.0.1:" + silentPort();
        assertThat(enrollFailure(client(https, TlsSetup.context(caPem, List.of()), Duration.ofSeconds(30))))
                .isEqualTo("cannot enroll with " + https + ": timed out after 2 s (connecting)");
    }

    @Test
    void httpsToAPlainHttpServerIsATlsFailureThatSaysSo() throws Exception {
        String url = "https://127.0.0.1:" + plainHttpPort();
        assertThat(enrollFailure(client(url, TlsSetup.context(null, List.of()), Duration.ofSeconds(5))))
                .isEqualTo("cannot enroll with " + url + ": TLS handshake failed: the collector does not speak TLS on"
                        + " this port (is its URL http://?)");
    }

    @Test
    void aCertificateNoCaVouchesForIsATlsFailureThatSaysSo() throws Exception {
        String url = "https://localhost:" + tls.getAddress().getPort();
        assertThat(enrollFailure(client(url, TlsSetup.context(null, List.of()), Duration.ofSeconds(5))))
                .isEqualTo("cannot enroll with " + url + ": TLS handshake failed: the collector's certificate is not"
                        + " trusted (it is not signed by a CA of the system or of tls.ca-file)");
    }

    @Test
    void aPinMismatchIsATlsFailureNamingThePin() throws Exception {
        String url = "https://localhost:" + tls.getAddress().getPort();
        String other = Base64.getEncoder().encodeToString(new byte[32]);
        CollectorClient pinned = client(url, TlsSetup.context(caPem, List.of(other)), Duration.ofSeconds(5));
        assertThat(enrollFailure(pinned)).isEqualTo("cannot enroll with " + url + ": TLS handshake failed: the"
                + " collector's certificate matches none of tls.pin-sha256 (its pin is " + pin + ")");
        assertThat(pinned.health()).isEqualTo("unreachable: TLS handshake failed: the collector's certificate matches"
                + " none of tls.pin-sha256 (its pin is " + pin + ")");
        // The right pin goes through: the failure above was the pin, not the server.
        assertThat(client(url, TlsSetup.context(caPem, List.of(pin)), Duration.ofSeconds(5)).postReport(new byte[] {1}, "t"))
                .isEqualTo(new SendOutcome.Acknowledged(201));
    }

    @Test
    void aRefusedEnrollmentSaysWhatTheCollectorAnswered() {
        try (ScriptedCollector collector = new ScriptedCollector()) {
            collector.refuseEnrollment(401, "{\"error\":\"bad_enrollment_secret\",\"message\":\"the enrollment secret is wrong\"}");
            assertThat(enrollFailure(client(collector.url().toString()))).isEqualTo("cannot enroll with " + collector.url()
                    + ": enrollment refused: collector answered 401: the enrollment secret is wrong");
        }
    }

    @Test
    void aChainWithoutAnyMessageIsNamedByItsKind() {
        assertThat(NetworkFailure.reason(new IOException((String) null))).isEqualTo("IOException");
        assertThat(NetworkFailure.reason(new IOException(new java.nio.channels.ClosedChannelException())))
                .isEqualTo("ClosedChannelException");
    }
}
