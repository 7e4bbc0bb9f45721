package io.banwatch.collector;

import io.banwatch.collector.api.SummaryQueries;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.db.Database;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retention keeps a fleet of a fixed size in a database of a fixed size: a simulated fleet
 * reports daily for weeks, with the clock moved by hand, and every table is the same size two
 * workload periods apart — while what must survive does.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class RetentionTest {
    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final long DAY = Duration.ofDays(1).toMillis();
    /** Each toggling host has Kaspersky for 7 days, then not for 7: the workload repeats every 14 days. */
    private static final int PERIOD = 14;
    private static final List<String> TABLES = List.of("reports", "host_history", "alerts", "host_inventories",
            "findings", "software", "hosts");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);

    RetentionTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private static boolean kesl(int host, int day) {
        return (day + 5 * host) % PERIOD < PERIOD / 2;
    }

    private Map<String, Long> sizes() {
        Map<String, Long> sizes = new LinkedHashMap<>();
        for (String t : TABLES) {
            sizes.put(t, db.count("SELECT COUNT(*) FROM " + t));
        }
        sizes.put("raw reports", db.count("SELECT COUNT(*) FROM reports WHERE raw IS NOT NULL"));
        return sizes;
    }

    @Test
    void aFixedFleetKeepsAFixedSizeAndKeepsWhatItMust() {
        int toggling = 3;
        try (WebhookReceiver hook = new WebhookReceiver()) {
            var config = db.config(dir);
            config.retention = new ServerConfig.Retention(10, 3, 20);
            config.jobWorker = false;
            config.alertWorker = false;
            config.webhookUrl = hook.url();
            try (TestCollector c = TestCollector.start(config.build(), clock)) {
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < toggling; i++) {
                    tokens.add(c.enroll("host-" + i, "ws-" + i));
                }
                String steady = c.enroll("steady", "ws-steady");
                List<Map<String, Long>> samples = new ArrayList<>();
                for (int day = 1; day <= 30 + 2 * PERIOD; day++) {
                    clock.set(T0.plusMillis(day * DAY));
                    for (int i = 0; i < toggling; i++) {
                        c.post("/api/v1/reports", tokens.get(i), ReportBuilder.report()
                                .host(Samples.linuxHost("host-" + i, "ws-" + i))
                                .software(kesl(i, day) ? Samples.withKesl() : Samples.baseSoftware())
                                .scannedAt(clock.instant())
                                .json(), null);
                    }
                    c.post("/api/v1/reports", steady, ReportBuilder.report()
                            .host(Samples.linuxHost("steady", "ws-steady"))
                            .software(Samples.baseSoftware())
                            .scannedAt(clock.instant())
                            .json(), null);
                    c.server.deliverAlertsNow();
                    assertThat(c.server.runJobsNow()).contains("retention");
                    if (day >= 30 && (day - 30) % PERIOD == 0) {
                        samples.add(sizes());
                    }
                }
                System.out.println("table sizes on days 30, 44, 58 (" + db.kind() + "): " + samples);
                assertThat(samples.get(1)).isEqualTo(samples.get(0));
                assertThat(samples.get(2)).isEqualTo(samples.get(1));
                // 58 days of 4 hosts sent 232 reports; 11 days' worth per host are left (plus the keepers).
                assertThat(samples.get(2).get("reports")).isBetween(44L, 48L);

                long now = clock.millis();
                assertThat(db.count("SELECT COUNT(*) FROM host_history WHERE at < " + (now - 20 * DAY))).isZero();
                assertThat(db.count("SELECT COUNT(*) FROM alerts WHERE created_at < " + (now - 20 * DAY))).isZero();
                assertThat(db.count("SELECT COUNT(*) FROM host_history")).isPositive();
                // Every host's latest report survives, and so does the raw copy of its current inventory:
                // for the steady host that is its very first report, 58 days old.
                assertThat(db.count("SELECT COUNT(*) FROM hosts h JOIN reports r ON r.report_id = h.last_report_id"))
                        .isEqualTo(toggling + 1);
                assertThat(db.count("SELECT MIN(r.received_at) FROM reports r JOIN hosts h ON h.pk = r.host_pk"
                        + " WHERE h.host_id = 'steady' AND r.raw IS NOT NULL AND r.inventory_hash = h.inventory_hash"))
                        .isEqualTo(T0.toEpochMilli() + DAY);
                // Nothing older than its limit is left but those keepers.
                assertThat(db.count("SELECT COUNT(*) FROM reports r JOIN hosts h ON h.pk = r.host_pk WHERE r.received_at < "
                        + (now - 3 * DAY) + " AND r.raw IS NOT NULL AND r.inventory_hash <> h.inventory_hash")).isZero();
                assertThat(db.count("SELECT COUNT(*) FROM reports WHERE raw IS NULL AND received_at < " + (now - 10 * DAY)))
                        .isZero();
                assertThat(hook.received).isNotEmpty();
            }
        }
    }

    @Test
    void deletingOldHistoryLeavesTheKasperskyChartAsItWas() {
        var config = db.config(dir);
        config.retention = new ServerConfig.Retention(10, 3, 20);
        config.jobWorker = false;
        ServerConfig built = config.build();
        try (TestCollector c = TestCollector.start(built, clock);
             Database database = Database.open(built.jdbcUrl(), built.databaseUser(), built.databasePassword(), 2,
                     Duration.ofSeconds(10))) {
            SummaryQueries queries = new SummaryQueries(database, clock, 7, List.of());
            int hosts = 3;
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < hosts; i++) {
                tokens.add(c.enroll("host-" + i, "ws-" + i));
            }
            int days = 40;
            for (int day = 1; day <= days; day++) {
                clock.set(T0.plusMillis(day * DAY));
                for (int i = 0; i < hosts; i++) {
                    c.post("/api/v1/reports", tokens.get(i), ReportBuilder.report()
                            .host(Samples.linuxHost("host-" + i, "ws-" + i))
                            .software(kesl(i, day) ? Samples.withKesl() : Samples.baseSoftware())
                            .scannedAt(clock.instant())
                            .json(), null);
                }
            }
            List<Long> expected = new ArrayList<>();
            for (int day = days - 13; day <= days; day++) {
                long n = 0;
                for (int i = 0; i < hosts; i++) {
                    n += kesl(i, day) ? 1 : 0;
                }
                expected.add(n);
            }
            List<Long> before = queries.kasperskyOverTime(14).stream().map(SummaryQueries.DayCount::hosts).toList();
            long historyBefore = db.count("SELECT COUNT(*) FROM host_history");
            assertThat(c.server.runJobsNow()).contains("retention");

            assertThat(db.count("SELECT COUNT(*) FROM host_history")).isLessThan(historyBefore);
            assertThat(before).isEqualTo(expected);
            assertThat(queries.kasperskyOverTime(14).stream().map(SummaryQueries.DayCount::hosts).toList()).isEqualTo(expected);
        }
    }
}
