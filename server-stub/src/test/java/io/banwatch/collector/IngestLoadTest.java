package io.banwatch.collector;

import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest throughput on each database under the same load: hosts sending full ~800-package
 * reports (a first report: every package linked), then unchanged reports (same inventory,
 * new reportId). A measurement, not a check: excluded from the default run. Run it with
 *
 * <pre>mvn -B -o -pl server-stub test -Dbanwatch.excludedGroups=none -Dtest=IngestLoadTest [PostgreSQL flags]</pre>
 */
@Tag("load")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class IngestLoadTest {
    private static final int PACKAGES = 800;
    private static final int SHARED = 760;
    private static final int HOSTS = 200;
    private static final int UNCHANGED_ROUNDS = 3;
    private static final int CLIENTS = 8;

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    IngestLoadTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /** Most packages are the fleet's common ones; a few versions are the host's own. */
    private static List<Software> inventory(int host) {
        List<Software> s = new ArrayList<>(PACKAGES);
        for (int p = 0; p < PACKAGES; p++) {
            String version = p < SHARED ? "1." + p : "2." + p + "-host" + host;
            s.add(Software.pkg("package-" + p, version, "Debian", "dpkg", "amd64"));
        }
        return s;
    }

    private record Sent(String token, byte[] gzipped) {
    }

    /**
     * Throughput of one phase: end to end (requests answered per second), and of the database
     * writes alone (reports committed per second of the writer's transaction time).
     */
    private record Rate(double endToEnd, double writer) {
        @Override
        public String toString() {
            return String.format("%.0f/s (database writes alone: %.0f/s)", endToEnd, writer);
        }
    }

    private static double metric(TestCollector c, String name) {
        return c.get("/metrics", c.admin).body().lines().filter(l -> l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(name.length() + 1))).sum();
    }

    private Rate run(TestCollector c, List<Sent> reports) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            double written = metric(c, "banwatch_ingest_batch_reports_total");
            double writing = metric(c, "banwatch_ingest_batch_seconds_total");
            long start = System.nanoTime();
            List<Future<Integer>> statuses = new ArrayList<>();
            for (Sent s : reports) {
                statuses.add(clients.submit(() -> c.post("/api/v1/reports", s.token(), s.gzipped(), "gzip").statusCode()));
            }
            for (Future<Integer> f : statuses) {
                assertThat(f.get()).isEqualTo(201);
            }
            double endToEnd = reports.size() / ((System.nanoTime() - start) / 1e9);
            return new Rate(endToEnd, (metric(c, "banwatch_ingest_batch_reports_total") - written)
                    / (metric(c, "banwatch_ingest_batch_seconds_total") - writing));
        } finally {
            clients.shutdown();
        }
    }

    private List<Sent> reports(List<String> tokens, int firstHost, int round) {
        List<Sent> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            int host = firstHost + i;
            ScanReport r = ReportBuilder.report()
                    .host(Samples.linuxHost("host-" + host, "ws-" + host))
                    .software(inventory(host))
                    .scannedAt(clock.instant().plusSeconds(round))
                    .build();
            out.add(new Sent(tokens.get(i), TestCollector.gzip(ReportBuilder.json(r))));
        }
        return out;
    }

    @Test
    void measuresFullAndUnchangedReports() throws Exception {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            int warmHosts = 20;
            List<String> warm = new ArrayList<>();
            for (int i = 0; i < warmHosts; i++) {
                warm.add(c.enroll("host-" + i, "ws-" + i));
            }
            run(c, reports(warm, 0, 0));
            run(c, reports(warm, 0, 1));

            List<String> tokens = new ArrayList<>();
            for (int i = warmHosts; i < warmHosts + HOSTS; i++) {
                tokens.add(c.enroll("host-" + i, "ws-" + i));
            }
            Rate full = run(c, reports(tokens, warmHosts, 0));
            List<Sent> unchanged = new ArrayList<>();
            for (int round = 1; round <= UNCHANGED_ROUNDS; round++) {
                unchanged.addAll(reports(tokens, warmHosts, round));
            }
            Rate same = run(c, unchanged);

            assertThat(db.count("SELECT COALESCE(SUM(software_count), 0) FROM host_inventories")).isEqualTo((long) (warmHosts + HOSTS) * PACKAGES);
            assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(2L * warmHosts + (long) HOSTS * (1 + UNCHANGED_ROUNDS));
            System.out.printf("ingest load on %s, %d clients: full %d-package reports %s (%d), unchanged reports %s (%d)%n",
                    db.kind(), CLIENTS, PACKAGES, full, HOSTS, same, unchanged.size());
        }
    }
}
