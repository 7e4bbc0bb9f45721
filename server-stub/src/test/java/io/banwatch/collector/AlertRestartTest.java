package io.banwatch.collector;

import io.banwatch.model.Host;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A collector that stops in the middle of delivering (its database gone under it, as in a crash)
 * loses no alert and sends none twice: what it had claimed waits for its lease, then the
 * collector started in its place delivers it.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AlertRestartTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    AlertRestartTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private TestCollector start(String hook) {
        var config = db.config(dir);
        config.webhookUrl = hook;
        config.alertWorker = false;
        config.jobWorker = false;
        return TestCollector.start(config.build(), clock);
    }

    @Test
    void aRestartMidDeliveryNeitherLosesNorRepeatsAnAlert() {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            TestCollector first = start(hook.url());
            for (int i = 1; i <= 4; i++) {
                Host h = Samples.linuxHost("host-" + i, "ws-" + i);
                first.post("/api/v1/reports", first.enroll(h.id(), h.hostname()),
                        ReportBuilder.report().host(h).software(Samples.withKesl()).scannedAt(clock.instant()).json(), null);
            }
            // The second request finds the collector stopping: it goes down before it hears the answer.
            AtomicInteger requests = new AtomicInteger();
            AtomicReference<TestCollector> running = new AtomicReference<>(first);
            hook.beforeAnswering(() -> {
                if (requests.incrementAndGet() == 2) {
                    running.get().close();
                    hook.answer(503);
                }
            });
            Throwable crash = catchThrowable(first.server::deliverAlertsNow);
            assertThat(crash).as("the delivery round dies with its database").isNotNull();
            assertThat(hook.received).hasSize(1);

            try (TestCollector second = start(hook.url())) {
                // Its claims are still leased to the stopped collector: nobody sends them yet.
                assertThat(second.server.deliverAlertsNow()).isZero();
                clock.advance(Duration.ofMinutes(2));
                assertThat(second.server.deliverAlertsNow()).isEqualTo(3);
                clock.advance(Duration.ofHours(2));
                assertThat(second.server.deliverAlertsNow()).isZero();
            }
            assertThat(hook.received).hasSize(4);
            assertThat(hook.received.stream().map(WebhookReceiver.Request::idempotencyKey).distinct()).hasSize(4);
            assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE delivered_at IS NULL")).isZero();
        }
    }
}
