package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admins' audit log: the page ({@code /admin/audit}), the API ({@code /api/v1/audit}) and the
 * CSV export show the entries of real changes made through the API, newest first, paged and
 * filtered; viewers are refused; values are escaped on the page and guarded in the CSV.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AuditLogPageTest {
    /** An admin's name that is markup on a page and a formula in a spreadsheet. */
    static final String HOSTILE = "=HYPERLINK(\"http://x\") <img src=x onerror=alert(1)>";

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(OfficerFleet.NOW);
    private final ObjectMapper json = new ObjectMapper();
    private TestCollector c;
    private String viewer;
    private String hostileAdmin;

    AuditLogPageTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /**
     * Real changes, oldest first: the initial admin token (first start), an admin token made by the
     * test admin, a viewer token made by that one, the viewer token revoked, host-a retired and
     * brought back.
     */
    @BeforeEach
    void start() throws Exception {
        c = TestCollector.start(db.config(dir.resolve("data")).build(), clock);
        viewer = c.viewer();
        new OfficerFleet(c, clock).seed();
        hostileAdmin = json.readTree(ok(c.post("/api/v1/tokens", c.admin, json.writeValueAsString(
                Map.of("role", "admin", "name", HOSTILE))), 201).body()).path("token").asText();
        String temp = json.readTree(ok(c.post("/api/v1/tokens", hostileAdmin,
                "{\"role\":\"viewer\",\"name\":\"temp\"}"), 201).body()).path("id").asText();
        ok(c.delete("/api/v1/tokens/" + temp, hostileAdmin), 204);
        ok(c.post("/api/v1/hosts/host-a/retire", c.admin, "{\"reason\":\"sold\"}"), 200);
        ok(c.post("/api/v1/hosts/host-a/unretire", c.admin, ""), 200);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private static HttpResponse<String> ok(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        return r;
    }

    private JsonNode api(String query) throws Exception {
        return json.readTree(ok(c.get("/api/v1/audit" + query, c.admin), 200).body());
    }

    private static List<String> actions(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(i -> out.add(i.path("action").asText()));
        return out;
    }

    @Test
    void viewersAndHostsAreRefusedEverywhere() {
        String host = c.enroll("host-z", "zulu");
        for (String path : List.of("/api/v1/audit", "/api/v1/export/audit.csv", "/export/audit.csv", "/admin/audit")) {
            assertThat(c.get(path, viewer).statusCode()).as(path + " as a viewer").isEqualTo(403);
            assertThat(c.get(path, host).statusCode()).as(path + " as a host").isEqualTo(403);
        }
        assertThat(c.get("/api/v1/audit", null).statusCode()).isEqualTo(401);

        DashboardClient browser = new DashboardClient(c).signedIn(viewer);
        HttpResponse<String> page = browser.get("/admin/audit");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("This page needs an admin token").doesNotContain("token.create");
        assertThat(browser.get("/").body()).doesNotContain("/admin/audit");
    }

    @Test
    void theApiListsTheRealChangesNewestFirstWithWhoMadeThem() throws Exception {
        JsonNode page = api("");
        assertThat(page.path("total").asLong()).isEqualTo(6);
        assertThat(actions(page)).containsExactly("host.unretire", "host.retire", "token.revoke", "token.create",
                "token.create", "token.create");
        JsonNode items = page.path("items");
        assertThat(items.get(1).path("subject").asText()).isEqualTo("host-a");
        assertThat(items.get(1).path("detail").asText()).isEqualTo("alpha; reason: sold");
        assertThat(items.get(1).path("actor").path("name").asText()).isEqualTo("test admin");
        assertThat(items.get(1).path("at").asText()).isEqualTo(OfficerFleet.NOW.toString());
        assertThat(items.get(2).path("actor").path("name").asText()).isEqualTo(HOSTILE);
        assertThat(items.get(2).path("actor").path("kind").asText()).isEqualTo("token");
        assertThat(items.get(2).path("actor").path("tokenId").asLong())
                .isEqualTo(c.server.tokens().authenticate(hostileAdmin).orElseThrow().tokenId());
        assertThat(items.get(5).path("actor").path("kind").asText()).isEqualTo("system");
        assertThat(items.get(5).path("detail").asText()).isEqualTo("admin token 'initial admin'");
        long newest = items.get(0).path("id").asLong();
        assertThat(items.get(5).path("id").asLong()).isLessThan(newest);
    }

    @Test
    void signingInAndFailingToSignInAreNotChanges() throws Exception {
        DashboardClient browser = new DashboardClient(c);
        assertThat(browser.signIn("bw_a_wrong").statusCode()).isEqualTo(401);
        browser.signedIn(c.admin);
        browser.post("/logout", Map.of("csrf", browser.csrf()));
        assertThat(api("").path("total").asLong()).isEqualTo(6);
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        List<String> all = new ArrayList<>();
        for (int p = 1; p <= 3; p++) {
            JsonNode page = api("?size=2&page=" + p);
            assertThat(page.path("total").asLong()).isEqualTo(6);
            assertThat(page.path("page").asInt()).isEqualTo(p);
            assertThat(page.path("items").size()).isEqualTo(2);
            page.path("items").forEach(i -> all.add(i.path("id").asText()));
        }
        assertThat(api("?size=2&page=4").path("items").size()).isZero();
        List<String> oneGo = new ArrayList<>();
        api("").path("items").forEach(i -> oneGo.add(i.path("id").asText()));
        assertThat(all).isEqualTo(oneGo);
        assertThat(c.get("/api/v1/audit?size=0", c.admin).statusCode()).isEqualTo(400);
        assertThat(c.get("/api/v1/audit?page=x", c.admin).statusCode()).isEqualTo(400);

        DashboardClient browser = new DashboardClient(c).signedIn(c.admin);
        String second = ok(browser.get("/admin/audit?size=4&page=2"), 200).body();
        assertThat(second).contains("page 2 of 2", "href=\"/admin/audit?size=4&amp;page=1\"")
                .contains("admin token &#39;initial admin&#39;").doesNotContain(">host.unretire</td>");
        assertThat(ok(browser.get("/admin/audit?page=0"), 400).body()).contains("Audit log: bad page");
    }

    @Test
    void filtersByActionAndByActor() throws Exception {
        assertThat(actions(api("?action=host.retire"))).containsExactly("host.retire");
        assertThat(actions(api("?action=token.create"))).hasSize(3);
        assertThat(actions(api("?actor=TEST%20ADMIN"))).containsExactly("host.unretire", "host.retire", "token.create");
        assertThat(actions(api("?actor=first%20start&action=token.create"))).containsExactly("token.create");
        assertThat(actions(api("?actor=%25"))).as("a % in the search is literal").isEmpty();
        assertThat(api("?action=nope").path("total").asLong()).isZero();

        DashboardClient browser = new DashboardClient(c).signedIn(c.admin);
        String page = ok(browser.get("/admin/audit?action=host.retire"), 200).body();
        assertThat(page).contains("<a href=\"/admin/audit\" aria-current=\"page\">Audit log</a>", "1 entry",
                "<option value=\"host.retire\" selected>", "<a href=\"/hosts/host-a\">host-a</a>",
                "href=\"/export/audit.csv?action=host.retire\"").doesNotContain("token.revoke</td>");
    }

    @Test
    void thePageEscapesValuesAndTheCsvGuardsThemAgainstFormulas() {
        DashboardClient browser = new DashboardClient(c).signedIn(c.admin);
        String page = ok(browser.get("/admin/audit"), 200).body();
        assertThat(page).contains("=HYPERLINK(&quot;http://x&quot;) &lt;img src=x onerror=alert(1)&gt;")
                .doesNotContain("<img").doesNotContain("<script");

        HttpResponse<String> csv = ok(c.get("/api/v1/export/audit.csv?actor=hyperlink", c.admin), 200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<Map<String, String>> rows = OfficerFleet.records(csv.body());
        assertThat(rows).extracting(r -> r.get("action")).containsExactly("token.revoke", "token.create");
        assertThat(rows).allSatisfy(r -> assertThat(r.get("actor_name")).isEqualTo("'" + HOSTILE));
        assertThat(OfficerFleet.csv(csv.body()).get(0)).containsExactly("id", "at", "actor_kind", "actor_name",
                "actor_token_id", "action", "subject", "detail");
        assertThat(OfficerFleet.records(ok(browser.get("/export/audit.csv"), 200).body())).hasSize(6);
    }
}
