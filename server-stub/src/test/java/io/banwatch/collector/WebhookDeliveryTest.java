package io.banwatch.collector;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.banwatch.collector.alerts.AlertDispatcher;
import io.banwatch.model.Host;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the webhook sender does on the wire and says when it fails, against real loopback sockets:
 * a plain HTTP/1.1 POST (no offer to upgrade to HTTP/2), and a failure named in words — refused,
 * unknown host, TLS, timeout — with the host the alert is about, never "null".
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class WebhookDeliveryTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Host host = Samples.linuxHost("host-0042", "ws-0042");
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger dispatcherLog = (Logger) LoggerFactory.getLogger(AlertDispatcher.class);

    WebhookDeliveryTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void captureLog() {
        log.start();
        dispatcherLog.addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        dispatcherLog.detachAppender(log);
    }

    /** A collector posting to {@code hook}, with one VIOLATION alert in its outbox; returns what the attempt logged. */
    private String oneFailedAttempt(String hook, Duration timeout) {
        var config = db.config(dir);
        config.webhookUrl = hook;
        config.webhookTimeout = timeout;
        config.alertWorker = false;
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            c.post("/api/v1/reports", c.enroll(host.id(), host.hostname()),
                    ReportBuilder.report()
                            .host(host)
                            .software(Samples.withKesl())
                            .scannedAt(clock.instant())
                            .json(), null);
            assertThat(c.server.deliverAlertsNow()).isZero();
        }
        assertThat(db.count("SELECT attempts FROM alerts")).isEqualTo(1);
        List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).doesNotContain("null");
        assertThat(db.text("SELECT last_error FROM alerts")).doesNotContain("null");
        return warnings.get(0);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aRefusedConnectionIsNamedWithTheHostAndTheRetry() {
        int port = freePort();
        String line = oneFailedAttempt("http://127.0.0.1:" + port + "/hooks/T000/secret", Duration.ofSeconds(15));
        assertThat(line).matches("alert for host ws-0042 \\(id host-0042\\) to http://127\\.0\\.0\\.1:" + port
                + "/\\.\\.\\.: connection refused \\(attempt 1 of 20\\); retry in \\d+ s");
        assertThat(line).doesNotContain("secret");
        assertThat(db.text("SELECT last_error FROM alerts")).isEqualTo("connection refused");
    }

    @Test
    void anUnknownHostIsNamed() {
        String line = oneFailedAttempt("http://no-such-host.invalid/hook", Duration.ofSeconds(15));
        assertThat(line).startsWith("alert for host ws-0042 (id host-0042) to http://no-such-host.invalid/...:"
                + " unknown host no-such-host.invalid (attempt 1 of 20); retry in ");
        assertThat(db.text("SELECT last_error FROM alerts")).isEqualTo("unknown host no-such-host.invalid");
    }

    /** An https:// webhook URL whose receiver speaks plain HTTP: it answers the TLS greeting in clear text. */
    @Test
    void aTlsFailureIsNamed() throws Exception {
        try (ServerSocket plainHttp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread receiver = new Thread(() -> {
                while (!plainHttp.isClosed()) {
                    try (Socket s = plainHttp.accept()) {
                        s.getInputStream().read(new byte[512]);
                        s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n"
                                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    } catch (IOException closed) {
                        // the next, or done
                    }
                }
            });
            receiver.setDaemon(true);
            receiver.start();
            String line = oneFailedAttempt("https://127.0.0.1:" + plainHttp.getLocalPort() + "/hook", Duration.ofSeconds(15));
            assertThat(line).startsWith("alert for host ws-0042 (id host-0042) to https://127.0.0.1:"
                    + plainHttp.getLocalPort() + "/...: TLS failure: ").contains(" (attempt 1 of 20); retry in ");
            assertThat(db.text("SELECT last_error FROM alerts")).startsWith("TLS failure: ").hasSizeGreaterThan(14);
        }
    }

    @Test
    void aReceiverThatNeverAnswersIsATimeout() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // done
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String line = oneFailedAttempt("http://127.0.0.1:" + silent.getLocalPort() + "/hook", Duration.ofMillis(300));
            assertThat(line).contains(": no answer within 300 ms (attempt 1 of 20)");
            assertThat(held).isNotEmpty();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aWebhookIsAPlainHttp11PostWithNoUpgradeToHttp2() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            var config = db.config(dir);
            config.webhookUrl = receiver.url();
            config.alertWorker = false;
            try (TestCollector c = TestCollector.start(config.build(), clock)) {
                c.post("/api/v1/reports", c.enroll(host.id(), host.hostname()),
                        ReportBuilder.report()
                                .host(host)
                                .software(Samples.withKesl())
                                .scannedAt(clock.instant())
                                .json(), null);
                assertThat(c.server.deliverAlertsNow()).isEqualTo(1);
            }
            assertThat(receiver.requests).singleElement().satisfies(r -> {
                assertThat(r.requestLine()).isEqualTo("POST /hook HTTP/1.1");
                assertThat(r.hasHeader("Upgrade")).as(r.headers().toString()).isFalse();
                assertThat(r.hasHeader("HTTP2-Settings")).as(r.headers().toString()).isFalse();
                assertThat(r.headers()).noneMatch(h -> h.toLowerCase().startsWith("connection:") && h.contains("Upgrade"));
                assertThat(r.headers()).contains("Content-Type: application/json", "User-Agent: banwatch-collector");
            });
        }
    }
}
