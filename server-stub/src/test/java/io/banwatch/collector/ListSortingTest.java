package io.banwatch.collector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.api.FindingQueries;
import io.banwatch.collector.api.HostListQueries;
import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side sorting of the host and finding lists: every column both ways, a total order that
 * pages without overlap or gaps, nulls last, the exports in the same order, and nothing but the
 * whitelisted names accepted.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class ListSortingTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private String viewer;

    ListSortingTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        viewer = c.viewer();
        new OfficerFleet(c, clock).seed();
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private List<String> ids(String path, String field) throws Exception {
        HttpResponse<String> r = c.get(path, viewer);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        json.readTree(r.body()).path("items").forEach(i -> out.add(field.equals("hostId") ? i.path("hostId").asText()
                : i.path("hostId").asText() + " " + i.path("ruleId").asText()));
        return out;
    }

    private List<String> hosts(String query) throws Exception {
        return ids("/api/v1/hosts?size=1000&" + query, "hostId");
    }

    @Test
    void hostsSortByEachColumnBothWaysWithNullsLast() throws Exception {
        assertThat(hosts("sort=host")).containsExactly("host-a", "host-b", "host-c", "host-d", "host-e", "host-f");
        assertThat(hosts("sort=host&dir=desc")).containsExactly("host-f", "host-e", "host-d", "host-c", "host-b", "host-a");
        assertThat(hosts("sort=level")).containsExactly("host-a", "host-f", "host-b", "host-c", "host-e", "host-d");
        assertThat(hosts("sort=level&dir=desc")).containsExactly("host-d", "host-e", "host-b", "host-c", "host-a",
                "host-f");
        assertThat(hosts("sort=profile")).containsExactly("host-a", "host-b", "host-d", "host-f", "host-c", "host-e");
        assertThat(hosts("sort=last_seen")).startsWith("host-d");
        assertThat(hosts("sort=last_seen&dir=desc")).endsWith("host-d");
        assertThat(hosts("sort=findings&dir=desc")).startsWith("host-b").endsWith("host-d");
        // delta has no finding: last either way.
        assertThat(hosts("sort=product")).containsExactly("host-a", "host-b", "host-c", "host-f", "host-e", "host-d");
        assertThat(hosts("sort=product&dir=desc")).containsExactly("host-e", "host-a", "host-b", "host-c", "host-f",
                "host-d");
        assertThat(hosts("sort=milestone")).containsExactly("host-c", "host-f", "host-a", "host-b", "host-e", "host-d");
        assertThat(hosts("sort=kaspersky&dir=desc")).containsExactly("host-a", "host-c", "host-f", "host-b", "host-d",
                "host-e");
    }

    @Test
    void everyColumnGivesATotalOrderThatPagesWithoutOverlapOrGaps() throws Exception {
        for (String column : HostListQueries.sortColumns().names()) {
            for (String dir : List.of("asc", "desc")) {
                String q = "sort=" + column + "&dir=" + dir;
                List<String> all = hosts(q);
                assertThat(all).as(q).hasSize(6).doesNotHaveDuplicates();
                List<String> paged = new ArrayList<>();
                for (int page = 1; page <= 3; page++) {
                    paged.addAll(ids("/api/v1/hosts?size=2&page=" + page + "&" + q, "hostId"));
                }
                assertThat(paged).as(q + " a page at a time").isEqualTo(all);
                List<String> csv = new ArrayList<>();
                OfficerFleet.records(c.get("/api/v1/export/hosts.csv?" + q, viewer).body())
                        .forEach(r -> csv.add(r.get("host_id")));
                assertThat(csv).as("hosts.csv?" + q).isEqualTo(all);
            }
        }
        for (String column : FindingQueries.sortColumns().names()) {
            for (String dir : List.of("asc", "desc")) {
                String q = "sort=" + column + "&dir=" + dir;
                List<String> all = ids("/api/v1/findings?size=1000&" + q, "finding");
                assertThat(all).as(q).hasSize(6).doesNotHaveDuplicates();
                List<String> paged = new ArrayList<>();
                for (int page = 1; page <= 2; page++) {
                    paged.addAll(ids("/api/v1/findings?size=3&page=" + page + "&" + q, "finding"));
                }
                assertThat(paged).as(q + " a page at a time").isEqualTo(all);
                List<String> csv = new ArrayList<>();
                OfficerFleet.records(c.get("/api/v1/export/findings.csv?" + q, viewer).body())
                        .forEach(r -> csv.add(r.get("host_id") + " " + r.get("rule_id")));
                assertThat(csv).as("findings.csv?" + q).isEqualTo(all);
            }
        }
    }

    @Test
    void findingsSortByHostProductAndDate() throws Exception {
        assertThat(ids("/api/v1/findings?sort=host&dir=desc", "finding")).containsExactly("host-f kaspersky-us:kesl",
                "host-e kaspersky-us:ultraav", "host-c kaspersky-us:kesl", "host-b kaspersky-us:kesl",
                "host-b kaspersky-us:unprotected-after-removal", "host-a kaspersky-us:kesl");
        assertThat(ids("/api/v1/findings?sort=product", "finding")).containsExactly("host-a kaspersky-us:kesl",
                "host-b kaspersky-us:kesl", "host-c kaspersky-us:kesl", "host-f kaspersky-us:kesl",
                "host-b kaspersky-us:unprotected-after-removal", "host-e kaspersky-us:ultraav");
        // ndaa-1634-effective 2018-10-01, far-52-204-23-effective 2018-07-16, bis-updates-end 2024-09-29, UltraAV 2024-09-19.
        List<String> byDate = ids("/api/v1/findings?sort=date", "finding");
        assertThat(byDate.get(0)).isEqualTo("host-f kaspersky-us:kesl");
        assertThat(byDate.get(byDate.size() - 1)).isIn("host-c kaspersky-us:kesl", "host-b kaspersky-us:unprotected-after-removal");
    }

    @Test
    void onlyTheWhitelistedColumnsAndDirectionsAreAccepted() throws Exception {
        HttpResponse<String> bad = c.get("/api/v1/hosts?sort=hostname;DROP%20TABLE%20hosts", viewer);
        assertThat(bad.statusCode()).isEqualTo(400);
        JsonNode error = json.readTree(bad.body());
        assertThat(error.path("error").asText()).isEqualTo("invalid_sort");
        assertThat(error.path("message").asText()).startsWith("sort must be one of host, level, os,");
        assertThat(c.get("/api/v1/hosts?sort=host&dir=up", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/findings?sort=f.level", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/export/findings.csv?sort=1", viewer).statusCode()).isEqualTo(400);
        assertThat(c.get("/hosts?sort=nope", viewer).statusCode()).isEqualTo(400);
        assertThat(db.count("SELECT COUNT(*) FROM hosts")).isEqualTo(6);
    }

    @Test
    void theTokenListSortsByItsColumnsToo() {
        c.server.tokens().issue(io.banwatch.collector.auth.Role.VIEWER, "zulu", null);
        c.server.tokens().issue(io.banwatch.collector.auth.Role.ADMIN, "mike", null);
        DashboardClient admin = new DashboardClient(c).signedIn(c.admin);
        String byName = admin.get("/admin/tokens?sort=name").body();
        assertThat(byName).contains("<th aria-sort=\"ascending\"><a class=\"sort\" href=\"/admin/tokens?sort=name&amp;dir=desc\">"
                + "Name");
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<td class=\"long\">([^<]+)</td><td>(viewer|admin)")
                .matcher(byName);
        while (m.find()) {
            names.add(m.group(1));
        }
        assertThat(names).containsExactly("initial admin", "mike", "test admin", "test viewer", "zulu");
        String byRole = admin.get("/admin/tokens?sort=role&dir=desc").body();
        assertThat(byRole.indexOf("<td>viewer")).isLessThan(byRole.indexOf("<td>admin"));
        assertThat(admin.get("/admin/tokens?sort=secret").statusCode()).isEqualTo(400);
    }

    @Test
    void theListPagesLinkEachHeaderToItsSortAndMarkTheSortedOne() {
        String page = c.get("/hosts?level=risk&sort=host&dir=asc&page=1", viewer).body();
        assertThat(page).contains("<th aria-sort=\"ascending\"><a class=\"sort\" href=\"/hosts?level=risk&amp;sort=host"
                + "&amp;dir=desc\">Host <span aria-hidden=\"true\">&#9650;</span></a></th>");
        assertThat(page).contains("<th><a class=\"sort\" href=\"/hosts?level=risk&amp;sort=last_seen&amp;dir=asc\">"
                + "Last seen</a></th>");
        assertThat(page).contains("href=\"/export/hosts.csv?level=risk&amp;sort=host&amp;dir=asc\"");
        String descending = c.get("/findings?sort=product&dir=desc", viewer).body();
        assertThat(descending).contains("<th aria-sort=\"descending\"><a class=\"sort\" href=\"/findings?sort=product"
                + "&amp;dir=asc\">Product");
        // The default order is by level, most serious first: the Level header says so.
        assertThat(c.get("/findings", viewer).body()).contains("<th aria-sort=\"ascending\"><a class=\"sort\""
                + " href=\"/findings?sort=level&amp;dir=desc\">Level");
    }
}
