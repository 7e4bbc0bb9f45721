package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the audit report costs for a 100,000-host fleet of which a third is in violation: time and
 * size of the HTML and the PDF (each list capped at its limit), the collector's heap after. A
 * measurement, not a check: excluded from the default run. Run it with
 *
 * <pre>mvn -B -o -pl server-stub test -Dbanwatch.excludedGroups=none -Dtest=AuditReportLoadTest [PostgreSQL flags]</pre>
 */
@Tag("load")
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AuditReportLoadTest {
    private static final int HOSTS = 100_000;

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);

    AuditReportLoadTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void measure() throws Exception {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            OfficerFleet fleet = new OfficerFleet(c, clock);
            fleet.enroll("host-a", "alpha", "us-federal");
            fleet.report("host-a", Samples.withKesl(), List.of(OfficerFleet.keslUnit()));
            long started = System.nanoTime();
            // Copies of alpha: every third one keeps its finding (VIOLATION), the others are clean.
            db.sql().execute("INSERT INTO hosts (host_id, hostname, os_family, os_name, profile, level, kaspersky_installed,"
                    + " first_seen, last_seen, last_scanned_at, last_report_id, inventory_hash, software_count,"
                    + " finding_count) WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + HOSTS
                    + ") SELECT 'load-' || i, 'ws-load-' || i, h.os_family, h.os_name, h.profile, CASE WHEN i % 3 = 0"
                    + " THEN h.level END, CASE WHEN i % 3 = 0 THEN 1 ELSE 0 END, h.first_seen, h.last_seen,"
                    + " h.last_scanned_at, h.last_report_id, h.inventory_hash, h.software_count, CASE WHEN i % 3 = 0"
                    + " THEN 1 ELSE 0 END FROM n, hosts h WHERE h.host_id = 'host-a'");
            db.sql().execute("INSERT INTO findings (host_pk, rule_id, level, profile, vendor, product, presence, milestone,"
                    + " deadline, days_left, message, citation_title, citation_url, evidence, kind, since, level_since,"
                    + " pack_id, pack_version, pack_sha256) SELECT h.pk, f.rule_id, f.level, f.profile, f.vendor, f.product,"
                    + " f.presence, f.milestone, f.deadline, f.days_left, f.message, f.citation_title, f.citation_url,"
                    + " f.evidence, f.kind, f.since, f.level_since, f.pack_id, f.pack_version, f.pack_sha256 FROM hosts h,"
                    + " findings f JOIN hosts a ON a.pk = f.host_pk AND a.host_id = 'host-a' WHERE h.level IS NOT NULL"
                    + " AND h.host_id LIKE 'load-%'");
            System.out.printf("%s: seeded %d hosts, %d findings in %d ms%n", db.kind(),
                    db.count("SELECT COUNT(*) FROM hosts"), db.count("SELECT COUNT(*) FROM findings"),
                    (System.nanoTime() - started) / 1_000_000);
            String viewer = c.viewer();
            for (String format : List.of("html", "pdf")) {
                System.gc();
                long t = System.nanoTime();
                HttpResponse<byte[]> r = c.http.send(HttpRequest.newBuilder(URI.create(c.base
                                + "/api/v1/reports/audit?format=" + format)).header("Authorization", "Bearer " + viewer)
                        .timeout(Duration.ofMinutes(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                long ms = (System.nanoTime() - t) / 1_000_000;
                assertThat(r.statusCode()).isEqualTo(200);
                Runtime rt = Runtime.getRuntime();
                System.out.printf("%s: audit report %s: %d ms, %.1f MB, heap used after %d MB%n", db.kind(), format, ms,
                        r.body().length / 1e6, (rt.totalMemory() - rt.freeMemory()) >> 20);
                if (format.equals("pdf")) {
                    Path pdf = java.nio.file.Files.write(java.nio.file.Files.createDirectories(Path.of(
                            System.getProperty("basedir", "."), "target", "audit-report")).resolve("load-"
                            + db.kind().name().toLowerCase(java.util.Locale.ROOT) + ".pdf"), r.body());
                    System.out.printf("%s: the PDF is %s%n", db.kind(), pdf.toAbsolutePath());
                }
                if (format.equals("html")) {
                    assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8))
                            .contains("31334 more hosts not shown compliant are not listed here");
                }
            }
        }
    }
}
