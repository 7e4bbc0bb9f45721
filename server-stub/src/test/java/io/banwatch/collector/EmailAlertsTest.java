package io.banwatch.collector;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.model.Host;
import jakarta.mail.internet.MimeMessage;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts by e-mail: over STARTTLS only, to every recipient, with the alert's subject, text and link. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class EmailAlertsTest {
    @RegisterExtension
    final TestDatabase db;

    @RegisterExtension
    final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.org", "alerts", "s3cret"));

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Host host = Samples.linuxHost("host-a", "ws-a");

    EmailAlertsTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private ServerConfig.Builder config(int smtpPort, Path trustStore) throws Exception {
        Path password = Files.writeString(dir.resolve("smtp-password"), "s3cret\n");
        ServerConfig.Builder b = db.config(dir);
        b.alertWorker = false;
        b.jobWorker = false;
        b.alerting = new ServerConfig.AlertSettings(LifecycleAlertsTest.PUBLIC_URL, true, true, List.of(7), false, 7,
                new ServerConfig.Email("127.0.0.1", smtpPort, "alerts@example.org",
                        List.of("officer@example.org", "security@example.org"), "alerts", password, true, trustStore,
                        "changeit"));
        return b;
    }

    @Test
    void anAlertIsMailedOverStartTlsToEveryRecipientWithItsTextAndLink() throws Exception {
        Path keystore = SelfSigned.keystore(dir.resolve("smtp.p12"));
        try (StartTlsFront front = new StartTlsFront(mail.getSmtp().getPort(), keystore);
             WebhookReceiver hook = new WebhookReceiver()) {
            ServerConfig.Builder b = config(front.port(), keystore);
            b.webhookUrl = hook.url();
            try (TestCollector c = TestCollector.start(b.build(), clock)) {
                c.post("/api/v1/reports", c.enroll(host.id(), host.hostname()),
                        ReportBuilder.report().host(host).software(Samples.withKesl()).scannedAt(clock.instant()).json(), null);
                // One row per channel, each delivered once.
                assertThat(db.count("SELECT COUNT(*) FROM alerts")).isEqualTo(2);
                assertThat(c.server.deliverAlertsNow()).isEqualTo(2);
                assertThat(c.server.deliverAlertsNow()).isZero();
            }
            assertThat(front.sessions).singleElement().asString().startsWith("TLSv1.");
            assertThat(hook.received).hasSize(1);
            MimeMessage[] got = mail.getReceivedMessages();
            assertThat(got).hasSize(2);
            for (MimeMessage each : got) {
                assertThat(GreenMailUtil.getAddressList(each.getAllRecipients()))
                        .isEqualTo("officer@example.org, security@example.org");
            }
            MimeMessage m = got[0];
            assertThat(m.getSubject()).isEqualTo("banwatch: ws-a is now VIOLATION");
            assertThat(GreenMailUtil.getAddressList(m.getFrom())).isEqualTo("alerts@example.org");
            assertThat(m.getMessageID()).startsWith("<host-a.").endsWith("@banwatch>");
            String body = GreenMailUtil.getBody(m).replace("=\r\n", "");
            assertThat(body).startsWith("banwatch: ws-a is now VIOLATION under us-federal.")
                    .contains("software kesl 12.1.0-1297 (dpkg)", "Citation: ",
                            "Host: " + LifecycleAlertsTest.PUBLIC_URL + "/hosts/host-a");
        }
    }

    @Test
    void aServerWithoutStartTlsGetsNothingInClearText() throws Exception {
        try (TestCollector c = TestCollector.start(config(mail.getSmtp().getPort(), null).build(), clock)) {
            c.post("/api/v1/reports", c.enroll(host.id(), host.hostname()),
                    ReportBuilder.report().host(host).software(Samples.withKesl()).scannedAt(clock.instant()).json(), null);
            assertThat(c.server.deliverAlertsNow()).isZero();
        }
        assertThat(mail.getReceivedMessages()).isEmpty();
        assertThat(db.text("SELECT last_error FROM alerts WHERE channel = 'email'")).contains("STARTTLS");
        assertThat(db.count("SELECT attempts FROM alerts WHERE channel = 'email'")).isEqualTo(1);
    }
}
