package io.banwatch.collector;

import io.banwatch.collector.config.ServerConfig;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.banwatch.testkit.WebhookReceiver;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the lifecycle alerts job costs for a fleet of 10,000 hosts that a milestone 26 days ahead
 * will all make VIOLATION: a run that produces alerts (at most 1,000 hosts a run), and a run
 * once all were produced (every host is still read). A measurement, not a check: excluded from
 * the default run. Run it with
 *
 * <pre>mvn -B -o -pl server-stub test -Dbanwatch.excludedGroups=none -Dtest=LifecycleAlertsLoadTest [PostgreSQL flags]</pre>
 */
@Tag("load")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LifecycleAlertsLoadTest {
    private static final int HOSTS = 10_000;

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2018-06-20T16:00:00Z"));

    LifecycleAlertsLoadTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void measure() {
        try (WebhookReceiver hook = new WebhookReceiver()) {
            ServerConfig.Builder b = db.config(dir);
            b.webhookUrl = hook.url();
            b.alertWorker = false;
            b.jobWorker = false;
            b.profile = "us-federal-contractor";
            try (TestCollector c = TestCollector.start(b.build(), clock)) {
                c.post("/api/v1/reports", c.enroll("host-a", "ws-a"), ReportBuilder.report()
                        .host(Samples.linuxHost("host-a", "ws-a")).software(Samples.withKesl()).scannedAt(clock.instant())
                        .json(), null);
                db.sql().execute("INSERT INTO hosts (host_id, hostname, os_family, os_name, profile, level,"
                        + " kaspersky_installed, first_seen, last_seen, last_scanned_at, last_report_id, inventory_hash,"
                        + " software_count, finding_count) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
                        + " WHERE i < " + (HOSTS - 1) + ") SELECT 'load-' || i, 'ws-load-' || i, h.os_family, h.os_name,"
                        + " h.profile, h.level, 1, h.first_seen, h.last_seen, h.last_scanned_at, h.last_report_id,"
                        + " h.inventory_hash, h.software_count, h.finding_count FROM n, hosts h WHERE h.host_id = 'host-a'");
                db.sql().execute("INSERT INTO findings (host_pk, rule_id, level, profile, vendor, product, presence,"
                        + " milestone, deadline, days_left, message, citation_title, citation_url, evidence, kind, since)"
                        + " SELECT h.pk, f.rule_id, f.level, f.profile, f.vendor, f.product, f.presence, f.milestone,"
                        + " f.deadline, f.days_left, f.message, f.citation_title, f.citation_url, f.evidence, f.kind, f.since"
                        + " FROM hosts h, findings f JOIN hosts a ON a.pk = f.host_pk AND a.host_id = 'host-a'"
                        + " WHERE h.host_id LIKE 'load-%'");
                int runs = 0;
                long producing = 0;
                while (db.count("SELECT COUNT(*) FROM alerts WHERE kind = 'deadline_approaching'") < HOSTS) {
                    clock.advance(Duration.ofMinutes(16));
                    long t = System.nanoTime();
                    assertThat(c.server.runJobsNow()).contains("lifecycle-alerts");
                    producing += System.nanoTime() - t;
                    runs++;
                }
                clock.advance(Duration.ofMinutes(16));
                long t = System.nanoTime();
                c.server.runJobsNow();
                long steady = System.nanoTime() - t;
                assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE kind = 'deadline_approaching'")).isEqualTo(HOSTS);
                System.out.printf("%s: %d hosts: %d runs produced their deadline alerts in %d ms each on average;"
                        + " a run with nothing left to produce took %d ms%n", db.kind(), HOSTS, runs,
                        producing / runs / 1_000_000, steady / 1_000_000);
            }
        }
    }
}
