package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.model.Host;
import jakarta.mail.internet.MimeMessage;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two collectors on one PostgreSQL database run the lifecycle alerts job and deliver the outbox
 * side by side: each new kind of alert (deadline approaching, host fixed, stale, digest) reaches
 * the webhook and the mailbox exactly once, even when the job's lease is lost and both run it.
 */
class LifecycleAlertsTwoCollectorsTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @RegisterExtension
    final GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    private final MutableClock clock = new MutableClock(Instant.parse("2018-06-20T16:00:00Z"));

    private TestCollector start(Path dir, String hook) {
        ServerConfig.Builder b = db.config(dir);
        b.webhookUrl = hook;
        b.alertWorker = false;
        b.jobWorker = false;
        b.profile = "us-federal-contractor";
        // A plain SMTP server: STARTTLS has its own test (EmailAlertsTest); here it is about counting.
        b.alerting = new ServerConfig.AlertSettings(LifecycleAlertsTest.PUBLIC_URL, true, true, List.of(7, 30), true, 7,
                new ServerConfig.Email("127.0.0.1", mail.getSmtp().getPort(), "alerts@example.org",
                        List.of("officer@example.org"), null, null, false, null, null));
        return TestCollector.start(b.build(), clock);
    }

    private static void report(TestCollector c, String token, Host h, boolean kesl, Instant at) {
        assertThat(c.post("/api/v1/reports", token, ReportBuilder.report().host(h)
                .software(kesl ? Samples.withKesl() : Samples.baseSoftware()).scannedAt(at).json(), null).statusCode())
                .isEqualTo(201);
    }

    /** Both collectors run their due jobs at the same moment. */
    private static void bothRunJobs(TestCollector a, TestCollector b) {
        CompletableFuture<List<String>> ra = CompletableFuture.supplyAsync(a.server::runJobsNow);
        CompletableFuture<List<String>> rb = CompletableFuture.supplyAsync(b.server::runJobsNow);
        ra.join();
        rb.join();
    }

    private long outbox() {
        return db.count("SELECT COUNT(*) FROM alerts");
    }

    @Test
    @Timeout(120)
    void eachNewKindIsProducedAndDeliveredOnce() throws Exception {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector a = start(dirA, hook.url());
             TestCollector b = start(dirB, hook.url())) {
            Host deadline = Samples.linuxHost("host-1", "ws-1");
            Host fixed = Samples.linuxHost("host-2", "ws-2");
            Host silent = Samples.linuxHost("host-3", "ws-3");
            Host retired = Samples.linuxHost("host-4", "ws-4");
            String t1 = a.enroll(deadline.id(), deadline.hostname());
            String t2 = b.enroll(fixed.id(), fixed.hostname());
            String t3 = a.enroll(silent.id(), silent.hostname());
            String t4 = b.enroll(retired.id(), retired.hostname());
            report(a, t1, deadline, true, clock.instant());
            report(b, t2, fixed, true, clock.instant());
            report(a, t3, silent, false, clock.instant());
            report(b, t4, retired, true, clock.instant());
            assertThat(a.post("/api/v1/hosts/host-4/retire", a.admin, "{}").statusCode()).isEqualTo(200);

            bothRunJobs(a, b);
            // Deadline approaching for host-1 and host-2 (not the retired host-4), and the day's digest.
            long produced = outbox();
            assertThat(produced).isEqualTo(3 * 2);
            // The job's lease lost (a collector paused past it): both run it again at once, and add nothing.
            db.sql().execute("UPDATE job_leases SET lease_until = 0");
            bothRunJobs(a, b);
            clock.advance(Duration.ofMinutes(16));
            bothRunJobs(a, b);
            assertThat(outbox()).isEqualTo(produced);

            // host-2 is fixed (through B); eight days on, host-3 has been silent (host-4 too, but retired).
            report(b, t2, fixed, false, clock.instant());
            clock.advance(Duration.ofDays(8));
            report(a, t1, deadline, true, clock.instant());
            report(b, t2, fixed, false, clock.instant());
            bothRunJobs(a, b);
            db.sql().execute("UPDATE job_leases SET lease_until = 0");
            bothRunJobs(a, b);

            // Both deliver at once until the outbox is drained.
            long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (db.count("SELECT COUNT(*) FROM alerts WHERE delivered_at IS NULL") > 0 && System.nanoTime() < until) {
                CompletableFuture<Integer> da = CompletableFuture.supplyAsync(a.server::deliverAlertsNow);
                CompletableFuture<Integer> dbb = CompletableFuture.supplyAsync(b.server::deliverAlertsNow);
                da.join();
                dbb.join();
            }
            assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE delivered_at IS NULL")).isZero();

            List<String> events = new ArrayList<>();
            List<String> keys = new ArrayList<>();
            for (WebhookReceiver.Request d : hook.received) {
                JsonNode n = LifecycleAlertsTest.read(d.body());
                events.add(n.path("event").asText() + " " + n.path("host").path("id").asText(n.path("day").asText()));
                keys.add(d.idempotencyKey());
            }
            assertThat(keys).doesNotHaveDuplicates();
            assertThat(events).containsExactlyInAnyOrder(
                    "banwatch.deadline.approaching host-1", "banwatch.deadline.approaching host-2",
                    "banwatch.digest 2018-06-20", "banwatch.host.fixed host-2", "banwatch.host.stale host-3",
                    "banwatch.digest 2018-06-28");
            MimeMessage[] mails = mail.getReceivedMessages();
            assertThat(mails).hasSize(events.size());
            List<String> ids = new ArrayList<>();
            for (MimeMessage m : mails) {
                ids.add(m.getMessageID());
            }
            assertThat(ids).doesNotHaveDuplicates();
        }
    }
}
