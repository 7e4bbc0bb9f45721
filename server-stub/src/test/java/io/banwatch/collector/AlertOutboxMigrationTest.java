package io.banwatch.collector;

import io.banwatch.collector.db.Dialect;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.WebhookReceiver;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading to the outbox of one row per alert and channel (V10): the previous release's alerts
 * keep their state and their key, so a delivered one is not sent again and a pending one is sent
 * once, with the Idempotency-Key its receiver may already have seen.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AlertOutboxMigrationTest {
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    AlertOutboxMigrationTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /** A row of the previous outbox: one per host and report, webhook only. */
    private static String alert(int id, String report, Long deliveredAt, int attempts, String lastError) {
        long t = NOW.toEpochMilli() - 3_600_000;
        return "INSERT INTO alerts (id, host_pk, report_id, level, from_level, created_at, payload, attempts,"
                + " next_attempt_at, delivered_at, last_error) VALUES (" + id + ", 1, '" + report + "', 'VIOLATION',"
                + " NULL, " + t + ", '{\"event\":\"banwatch.host.level_changed\",\"alertKey\":\"host-a:" + report
                + "\",\"text\":\"banwatch: ws-a is now VIOLATION\"}', " + attempts + ", " + t + ", " + deliveredAt + ", "
                + (lastError == null ? "NULL" : "'" + lastError + "'") + ")";
    }

    @Test
    void previousAlertsKeepTheirStateAndKey() {
        var config = db.config(dir);
        Flyway.configure().dataSource(db.url(), db.user(), db.password()).locations("classpath:db/migration")
                .placeholders(Dialect.of(db.url()).placeholders()).target("8").load().migrate();
        db.sql().execute("INSERT INTO hosts (pk, host_id, hostname, os_family, profile, level, first_seen, last_seen,"
                + " last_scanned_at, last_report_id, inventory_hash, software_count, finding_count) VALUES (1, 'host-a',"
                + " 'ws-a', 'linux', 'us-federal', 'VIOLATION', " + NOW.toEpochMilli() + ", " + NOW.toEpochMilli() + ", "
                + NOW.toEpochMilli() + ", 'r-2', 'h', 6, 1)");
        db.sql().execute(alert(1, "r-1", NOW.toEpochMilli() - 1_000_000, 1, null));
        db.sql().execute(alert(2, "r-2", null, 2, "webhook answered 503"));

        try (WebhookReceiver hook = new WebhookReceiver()) {
            config.webhookUrl = hook.url();
            config.alertWorker = false;
            config.jobWorker = false;
            try (TestCollector c = TestCollector.start(config.build(), new MutableClock(NOW))) {
                assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE channel = 'webhook' AND kind = 'level_changed'"))
                        .isEqualTo(2);
                assertThat(db.text("SELECT last_error FROM alerts WHERE alert_key = 'host-a:r-2'"))
                        .isEqualTo("webhook answered 503");
                assertThat(db.count("SELECT attempts FROM alerts WHERE alert_key = 'host-a:r-2'")).isEqualTo(2);
                assertThat(c.server.deliverAlertsNow()).isEqualTo(1);
                assertThat(c.server.deliverAlertsNow()).isZero();
            }
            assertThat(hook.received).singleElement()
                    .satisfies(r -> assertThat(r.idempotencyKey()).isEqualTo("host-a:r-2"));
        }
    }
}
