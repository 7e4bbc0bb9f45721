package io.banwatch.collector;

import io.banwatch.model.Host;
import io.banwatch.collector.alerts.AlertDispatcher;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Alerts: once per transition, retried with backoff, and not lost by a restart. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AlertsTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Host host = Samples.linuxHost("host-a", "ws-a");

    AlertsTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private TestCollector start(String hook, boolean onRisk) {
        var config = db.config(dir);
        config.webhookUrl = hook;
        config.alertOnRisk = onRisk;
        config.alertWorker = false;
        return TestCollector.start(config.build(), clock);
    }

    private void send(TestCollector c, String token, boolean kesl) {
        clock.advance(Duration.ofHours(1));
        c.post("/api/v1/reports", token, ReportBuilder.report()
                .host(host)
                .software(kesl ? Samples.withKesl() : Samples.baseSoftware())
                .scannedAt(clock.instant())
                .json(), null);
    }

    @Test
    void aHostStayingInViolationIsAlertedOnce() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), false)) {
            String t = c.enroll("host-a", "ws-a");
            send(c, t, true);
            send(c, t, true);
            send(c, t, true);
            c.server.deliverAlertsNow();
            c.server.deliverAlertsNow();
            assertThat(hook.received).hasSize(1);
        }
    }

    @Test
    void leavingAndReachingViolationAgainIsANewTransition() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), false)) {
            String t = c.enroll("host-a", "ws-a");
            send(c, t, true);
            send(c, t, false);
            send(c, t, true);
            c.server.deliverAlertsNow();
            // In between, the host was fixed: an alert of its own kind.
            assertThat(hook.received).extracting(d -> d.body().substring(0, d.body().indexOf(',')))
                    .containsExactly("{\"event\":\"banwatch.host.level_changed\"", "{\"event\":\"banwatch.host.fixed\"",
                            "{\"event\":\"banwatch.host.level_changed\"");
            assertThat(hook.received.stream().map(WebhookReceiver.Request::idempotencyKey).distinct()).hasSize(3);
        }
    }

    @Test
    void riskAlertsOnlyWhenConfigured() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), true)) {
            String t = c.enroll("host-a", "ws-a");
            // Only the unit file left: a remnant, RISK for a federal agency.
            c.post("/api/v1/reports", t, ReportBuilder.report()
                    .host(host)
                    .software(Samples.baseSoftware())
                    .observations(Samples.keslRemnants())
                    .scannedAt(clock.instant())
                    .json(), null);
            c.server.deliverAlertsNow();
            assertThat(hook.received).singleElement().satisfies(d -> assertThat(d.body()).contains("\"level\":\"RISK\""));
        }
        clock.advance(Duration.ofDays(1));
    }

    private long nextAttemptAt() {
        return db.count("SELECT next_attempt_at FROM alerts");
    }

    @Test
    void aFailedDeliveryWaitsForItsBackoffThenIsRetriedAndDeliveredOnce() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), false)) {
            hook.answer(500);
            String t = c.enroll("host-a", "ws-a");
            send(c, t, true);
            assertThat(c.server.deliverAlertsNow()).isZero();
            assertThat(hook.requests).hasSize(1);
            assertThat(db.count("SELECT attempts FROM alerts")).isEqualTo(1);
            assertThat(db.text("SELECT last_error FROM alerts")).isEqualTo("webhook answered 500");
            assertThat(nextAttemptAt()).isGreaterThan(clock.millis());

            // Not due before its backoff has passed: no request at all, not merely a failed one.
            assertThat(c.server.deliverAlertsNow()).isZero();
            clock.set(java.time.Instant.ofEpochMilli(nextAttemptAt() - 1));
            assertThat(c.server.deliverAlertsNow()).isZero();
            assertThat(hook.requests).hasSize(1);

            clock.set(java.time.Instant.ofEpochMilli(nextAttemptAt()));
            assertThat(c.server.deliverAlertsNow()).isEqualTo(1);
            assertThat(hook.requests).hasSize(2);
            clock.advance(Duration.ofHours(2));
            assertThat(c.server.deliverAlertsNow()).isZero();
            assertThat(hook.received).hasSize(1);
            assertThat(hook.requests).hasSize(2);
            assertThat(db.count("SELECT attempts FROM alerts")).isEqualTo(2);
        }
    }

    @Test
    void anAlertIsGivenUpAfterItsLastAttemptAndCountedInMetrics() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), false)) {
            Integer[] failures = new Integer[AlertDispatcher.MAX_ATTEMPTS];
            java.util.Arrays.fill(failures, 503);
            hook.answer(failures);
            String t = c.enroll("host-a", "ws-a");
            send(c, t, true);
            for (int i = 0; i < AlertDispatcher.MAX_ATTEMPTS; i++) {
                clock.set(java.time.Instant.ofEpochMilli(Math.max(clock.millis(), nextAttemptAt())));
                assertThat(c.server.deliverAlertsNow()).isZero();
            }
            assertThat(hook.requests).hasSize(AlertDispatcher.MAX_ATTEMPTS);
            assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE failed_at IS NOT NULL")).isEqualTo(1);
            assertThat(c.get("/metrics", c.admin).body()).contains("banwatch_alerts_abandoned_total 1")
                    .contains("banwatch_alert_attempts_failed_total " + AlertDispatcher.MAX_ATTEMPTS);
            // Given up means given up: the receiver would answer now, but is not asked again.
            clock.advance(Duration.ofDays(2));
            assertThat(c.server.deliverAlertsNow()).isZero();
            assertThat(hook.requests).hasSize(AlertDispatcher.MAX_ATTEMPTS);
        }
    }

    /** While the receiver answers, the lease runs out and another collector claims the alert. */
    private void anotherCollectorTakesTheLeaseMidSend(WebhookReceiver hook) {
        hook.beforeAnswering(() -> {
            clock.advance(Duration.ofMinutes(2));
            db.sql().execute("UPDATE alerts SET lease_owner = 'collector-other:claim', lease_until = "
                    + (clock.millis() + 60_000));
        });
    }

    @Test
    void aSenderWhoseLeaseRanOutDoesNotMarkTheAlertDelivered() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), false)) {
            anotherCollectorTakesTheLeaseMidSend(hook);
            String t = c.enroll("host-a", "ws-a");
            send(c, t, true);
            assertThat(c.server.deliverAlertsNow()).isZero();
            assertThat(hook.received).hasSize(1);
            // The other collector's claim stands; it records the outcome of its own send.
            assertThat(db.text("SELECT lease_owner FROM alerts")).isEqualTo("collector-other:claim");
            assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE delivered_at IS NULL")).isEqualTo(1);
            assertThat(db.count("SELECT attempts FROM alerts")).isZero();
            assertThat(c.get("/metrics", c.admin).body()).contains("banwatch_alerts_delivered_total 0");
        }
    }

    @Test
    void aSenderWhoseLeaseRanOutDoesNotRecordItsFailure() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), false)) {
            anotherCollectorTakesTheLeaseMidSend(hook);
            hook.answer(500);
            String t = c.enroll("host-a", "ws-a");
            send(c, t, true);
            long due = nextAttemptAt();
            assertThat(c.server.deliverAlertsNow()).isZero();
            assertThat(db.text("SELECT lease_owner FROM alerts")).isEqualTo("collector-other:claim");
            assertThat(db.count("SELECT attempts FROM alerts")).isZero();
            assertThat(db.text("SELECT last_error FROM alerts")).isNull();
            assertThat(nextAttemptAt()).isEqualTo(due);
        }
    }

    @Test
    void aSlowWebhookIsSentOnlyWhatTheLeaseStillCovers() {
        try (WebhookReceiver hook = new WebhookReceiver(); TestCollector c = start(hook.url(), false)) {
            // Every delivery takes 20 s of the collector's time: with a 60 s lease and 30 s kept for
            // one send, the third alert of a claim would be sent on a lease another collector may take.
            hook.beforeAnswering(() -> clock.advance(Duration.ofSeconds(20)));
            for (String id : new String[]{"host-a", "host-b", "host-c"}) {
                String t = c.enroll(id, "ws-" + id);
                c.post("/api/v1/reports", t, ReportBuilder.report()
                        .host(Samples.linuxHost(id, "ws-" + id))
                        .software(Samples.withKesl())
                        .scannedAt(clock.instant())
                        .json(), null);
            }
            assertThat(c.server.deliverAlertsNow()).isEqualTo(2);
            // The third was handed back, not left leased for a minute.
            assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE lease_owner IS NOT NULL")).isZero();
            assertThat(c.server.deliverAlertsNow()).isEqualTo(1);
            assertThat(hook.received).hasSize(3);
            assertThat(hook.received.stream().map(WebhookReceiver.Request::idempotencyKey).distinct()).hasSize(3);
        }
    }

    @Test
    void aPendingAlertSurvivesARestart() {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            try (TestCollector c = start("http://127.0.0.1:9/unreachable", false)) {
                String t = c.enroll("host-a", "ws-a");
                send(c, t, true);
            }
            try (TestCollector c = start(hook.url(), false)) {
                assertThat(c.server.deliverAlertsNow()).isEqualTo(1);
            }
            assertThat(hook.received).hasSize(1);
            assertThat(hook.received.get(0).body()).contains("\"hostname\":\"ws-a\"");
        }
    }

    @Test
    void theBackgroundWorkerDeliversWithoutBeingAsked() throws Exception {
        var config = db.config(dir);
        try (WebhookReceiver hook = new WebhookReceiver()) {
            config.webhookUrl = hook.url();
            TestCollector c = TestCollector.start(config.build(), clock);
            String t = c.enroll("host-a", "ws-a");
            send(c, t, true);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (hook.received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(hook.received).hasSize(1);
            c.close();
        }
    }
}
