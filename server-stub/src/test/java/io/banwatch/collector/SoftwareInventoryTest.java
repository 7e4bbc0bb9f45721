package io.banwatch.collector;

import io.banwatch.model.Software;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fleet's software inventory: ingest only marks hosts, the indexer catches up (also after a
 * restart), searches filter, page and sort, exports carry the same rows with the formula guard.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class SoftwareInventoryTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2027-01-05T15:00:00Z"));

    SoftwareInventoryTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private TestCollector start() {
        var config = db.config(dir);
        config.jobWorker = false;
        config.alertWorker = false;
        return TestCollector.start(config.build(), clock);
    }

    private void report(TestCollector c, String id, List<Software> software) {
        String t = c.server.tokens().issue(io.banwatch.collector.auth.Role.HOST, id, id).token();
        clock.advance(Duration.ofSeconds(1));
        assertThat(c.post("/api/v1/reports", t, ReportBuilder.report().host(Samples.linuxHost(id, "ws-" + id))
                .software(software).scannedAt(clock.instant()).json(), null).statusCode()).isEqualTo(201);
    }

    @Test
    void searchesReadTheIndexOnceTheIndexerCaughtUp() {
        try (TestCollector c = start()) {
            report(c, "a", List.of(Samples.deb("curl", "8.5.0", "Debian"), Samples.deb("=HYPERLINK(1)", "1", "Evil")));
            report(c, "b", List.of(Samples.deb("curl", "8.6.0", "Debian")));
            report(c, "c", List.of(Samples.deb("curl", "8.6.0", "Debian"), Samples.deb("vim", "9.1", "Debian")));
            assertThat(db.count("SELECT COUNT(*) FROM software_index")).as("ingest writes no index rows").isZero();
            assertThat(c.get("/api/v1/software", c.admin).body()).contains("\"pendingHosts\":3");

            assertThat(c.server.indexSoftwareNow()).isEqualTo(3);
            String all = c.get("/api/v1/software", c.admin).body();
            assertThat(all).contains("\"total\":3").contains("\"pendingHosts\":0");
            assertThat(all.indexOf("\"curl\"")).as("most hosts first").isLessThan(all.indexOf("\"vim\""));
            assertThat(all).contains("{\"name\":\"curl\",\"hosts\":3,\"versions\":[{\"version\":\"8.6.0\",\"hosts\":2},"
                    + "{\"version\":\"8.5.0\",\"hosts\":1}]");
            assertThat(c.get("/api/v1/software?name=VI", c.admin).body()).contains("\"total\":1").contains("\"vim\"");
            assertThat(c.get("/api/v1/software?version=8.5.0", c.admin).body()).contains("\"total\":1");
            assertThat(c.get("/api/v1/software?os=windows", c.admin).body()).contains("\"total\":0");
            assertThat(c.get("/api/v1/software?os=Linux", c.admin).body()).contains("\"total\":3");
            HttpResponse<String> badOs = c.get("/api/v1/software?os=win", c.admin);
            assertThat(badOs.statusCode()).isEqualTo(400);
            assertThat(badOs.body()).contains("invalid_filter").contains("os must be linux, macos or windows, not 'win'");
            assertThat(c.get("/api/v1/software?sort=name&size=1&page=2", c.admin).body()).contains("\"total\":3")
                    .contains("\"name\":\"curl\"");
            assertThat(c.get("/api/v1/software?page=x", c.admin).statusCode()).isEqualTo(400);
            assertThat(c.get("/api/v1/software?sort=nope", c.admin).body()).contains("invalid_sort");
            assertThat(c.get("/api/v1/software", null).statusCode()).isEqualTo(401);

            String hosts = c.get("/api/v1/software/hosts?title=curl&version=8.6.0", c.admin).body();
            assertThat(hosts).contains("\"total\":2").contains("\"hostId\":\"b\"").contains("\"hostId\":\"c\"")
                    .doesNotContain("\"hostId\":\"a\"");
            assertThat(c.get("/api/v1/software/hosts", c.admin).statusCode()).isEqualTo(400);

            String csv = c.get("/api/v1/export/software.csv", c.admin).body();
            assertThat(csv).startsWith("name,hosts,versions,publishers,sources").contains("'=HYPERLINK(1),1,1 (1)");
            assertThat(c.get("/api/v1/export/software-hosts.csv?title=curl", c.admin).body().lines()).hasSize(4);
            assertThat(c.get("/api/v1/export/software-hosts.json?title=vim", c.admin).body())
                    .contains("\"hostId\":\"c\"").contains("\"version\":\"9.1\"");

            // c drops vim and upgrades: the index follows the diff.
            report(c, "c", List.of(Samples.deb("curl", "8.7.0", "Debian")));
            c.server.indexSoftwareNow();
            assertThat(c.get("/api/v1/software?name=vim", c.admin).body()).contains("\"total\":0");
            assertThat(db.count("SELECT SUM(hosts) FROM title_counts WHERE name = 'curl' AND scope_kind = 'any'"))
                    .isEqualTo(3);
            assertThat(db.count("SELECT COUNT(*) FROM software_index")).isEqualTo(4);

            DashboardClient web = new DashboardClient(c).signedIn(c.admin);
            String page = web.get("/software?name=curl").body();
            assertThat(page).contains("href=\"/software/hosts?title=curl\"").contains("Index up to date");
            assertThat(web.get("/software/hosts?title=curl&version=8.6.0").body()).contains("href=\"/hosts/b\"");
            assertThat(web.get("/software?page=0").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theHostPageSearchesAndPagesItsSoftware() {
        try (TestCollector c = start()) {
            List<Software> many = new java.util.ArrayList<>();
            for (int i = 0; i < 150; i++) {
                many.add(Samples.deb(String.format("pkg-%03d", i), "1", "Debian"));
            }
            many.add(Samples.deb("zz-openssh-server", "9.6", "Debian"));
            report(c, "big", many);
            DashboardClient web = new DashboardClient(c).signedIn(c.admin);
            String first = web.get("/hosts/big").body();
            assertThat(first).contains("Software (151)").contains("pkg-000").contains("pkg-099")
                    .doesNotContain("pkg-100").contains("page 1 of 2");
            assertThat(web.get("/hosts/big?page=2").body()).contains("pkg-100").contains("pkg-149")
                    .doesNotContain("pkg-099");
            String found = web.get("/hosts/big?sq=SSH").body();
            assertThat(found).contains("zz-openssh-server").doesNotContain("pkg-000").contains("1 package matches");
            assertThat(web.get("/hosts/big?page=zero").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aRestartMidCatchUpResumesWithoutCountingAHostTwice() {
        try (TestCollector c = start()) {
            for (int i = 0; i < 5; i++) {
                report(c, "h" + i, List.of(Samples.deb("curl", "8.6.0", "Debian")));
            }
            assertThat(c.server.indexSoftwareNow(2, 1)).isEqualTo(2);
        }
        try (TestCollector c = start()) {
            assertThat(c.server.indexSoftwareNow(2, Integer.MAX_VALUE)).isEqualTo(3);
            assertThat(db.count("SELECT SUM(hosts) FROM title_counts WHERE name = 'curl' AND scope_kind = 'any'"))
                    .isEqualTo(5);
            assertThat(c.server.indexSoftwareNow()).isZero();
        }
    }
}
