package io.banwatch.collector;

import io.banwatch.collector.auth.Secrets;
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
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The admins' token page: list, create (the secret shown once), revoke after a confirmation; viewers refused. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class TokenAdminPageTest {
    private static final Pattern SECRET = Pattern.compile("<code id=\"new-token\">(bw_[a-z]_[A-Za-z0-9_-]+)</code>");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private TestCollector c;
    private DashboardClient admin;

    TokenAdminPageTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void start() {
        c = TestCollector.start(db.config(dir).build(), clock);
        admin = new DashboardClient(c).signedIn(c.admin);
    }

    @AfterEach
    void stop() {
        c.close();
    }

    private long idOf(String name) {
        return c.server.tokens().list().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().id();
    }

    @Test
    void anAdminCreatesATokenAndSeesItsSecretOnlyOnce() {
        HttpResponse<String> list = admin.get("/admin/tokens");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("<a href=\"/admin/tokens\" aria-current=\"page\">Tokens</a>", "test admin",
                "initial admin", "<form class=\"filters\" method=\"post\" action=\"/admin/tokens\">");

        HttpResponse<String> created = admin.post("/admin/tokens", Map.of("name", "auditor <b>2027</b>",
                "role", "viewer", "csrf", DashboardClient.csrfIn(list.body())));
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("Copy this token now: it is shown only this once.",
                "auditor &lt;b&gt;2027&lt;/b&gt;").doesNotContain("<b>2027");
        Matcher m = SECRET.matcher(created.body());
        assertThat(m.find()).isTrue();
        String secret = m.group(1);
        assertThat(secret).startsWith("bw_v_");
        assertThat(c.get("/api/v1/summary", secret).statusCode()).isEqualTo(200);
        assertThat(c.get("/api/v1/tokens", secret).statusCode()).as("a viewer").isEqualTo(403);

        String after = admin.get("/admin/tokens").body();
        assertThat(after).contains("auditor &lt;b&gt;2027&lt;/b&gt;").doesNotContain(secret);
        assertThat(db.count("SELECT COUNT(*) FROM tokens WHERE token_hash = '" + Secrets.sha256Hex(secret) + "'"))
                .isEqualTo(1);

        String csrf = admin.csrf();
        long before = db.count("SELECT COUNT(*) FROM tokens");
        HttpResponse<String> blank = admin.post("/admin/tokens", Map.of("name", "  ", "role", "viewer", "csrf", csrf));
        assertThat(blank.statusCode()).isEqualTo(400);
        assertThat(blank.body()).contains("name must be 1-200 characters");
        HttpResponse<String> host = admin.post("/admin/tokens", Map.of("name", "agent", "role", "host", "csrf", csrf));
        assertThat(host.statusCode()).isEqualTo(400);
        assertThat(host.body()).contains("host tokens are issued by enrollment", "value=\"agent\"");
        assertThat(admin.post("/admin/tokens", Map.of("name", "x", "role", "root", "csrf", csrf)).body())
                .contains("a new token&#39;s role is viewer or admin");
        assertThat(db.count("SELECT COUNT(*) FROM tokens")).isEqualTo(before);
    }

    @Test
    void anAdminRevokesATokenAfterConfirmingAndItsSessionsEnd() {
        DashboardClient viewer = new DashboardClient(c).signedIn(c.viewer());
        long id = idOf("test viewer");
        assertThat(admin.get("/admin/tokens").body()).contains("<a href=\"/admin/tokens/" + id + "/revoke\">Revoke</a>");

        HttpResponse<String> confirm = admin.get("/admin/tokens/" + id + "/revoke");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Revoke token " + id + "?", "test viewer",
                "<form method=\"post\" action=\"/admin/tokens/" + id + "/revoke\">")
                .doesNotContain("the token you are signed in with");
        assertThat(viewer.get("/").statusCode()).as("asking is not revoking").isEqualTo(200);

        HttpResponse<String> done = admin.post("/admin/tokens/" + id + "/revoke", Map.of("csrf",
                DashboardClient.csrfIn(confirm.body())));
        assertThat(done.statusCode()).isEqualTo(303);
        assertThat(DashboardClient.location(done)).isEqualTo("/admin/tokens?revoked=" + id);
        assertThat(admin.get(DashboardClient.location(done)).body())
                .contains("Token " + id + " (test viewer) is revoked; its dashboard sessions have ended.");
        assertThat(viewer.get("/").statusCode()).isEqualTo(303);
        assertThat(c.server.tokens().find(id).orElseThrow().revokedAt()).isNotNull();

        assertThat(admin.get("/admin/tokens/" + id + "/revoke").statusCode()).as("already revoked").isEqualTo(404);
        assertThat(admin.post("/admin/tokens/" + id + "/revoke", Map.of("csrf", admin.csrf())).statusCode())
                .isEqualTo(404);
        assertThat(admin.get("/admin/tokens/abc/revoke").statusCode()).isEqualTo(400);
    }

    @Test
    void revokingYourOwnTokenSaysSoAndSignsYouOut() {
        long own = idOf("test admin");
        HttpResponse<String> confirm = admin.get("/admin/tokens/" + own + "/revoke");
        assertThat(confirm.body()).contains("This is the token you are signed in with: revoking it signs you out.");
        HttpResponse<String> done = admin.post("/admin/tokens/" + own + "/revoke", Map.of("csrf",
                DashboardClient.csrfIn(confirm.body())));
        assertThat(done.statusCode()).isEqualTo(303);
        HttpResponse<String> next = admin.get(DashboardClient.location(done));
        assertThat(DashboardClient.location(next)).isEqualTo("/login");
    }

    @Test
    void hostTokensAreListedOnlyWhenAskedFor() {
        for (int i = 1; i <= 3; i++) {
            c.enroll("host-" + i, "ws-" + i);
        }
        String people = admin.get("/admin/tokens").body();
        assertThat(people).contains(">test admin</td>", ">initial admin</td>", "Host tokens (3)", "2 tokens")
                .doesNotContain("ws-1", "host-2");

        String hosts = admin.get("/admin/tokens?kind=host").body();
        assertThat(hosts).contains("Host tokens</h2>", "ws-1", "ws-2", "ws-3", "host-3", "3 tokens",
                "Viewer and admin tokens (2)").doesNotContain(">test admin</td>", ">initial admin</td>");
        String one = admin.get("/admin/tokens?kind=host&q=HOST-2").body();
        assertThat(one).contains("1 token<", "ws-2").doesNotContain("ws-1", "ws-3");
        assertThat(admin.get("/admin/tokens?kind=host&q=%25").body()).contains("No tokens match this search.");

        // A fleet has thousands: a page at a time.
        String paged = admin.get("/admin/tokens?kind=host&size=2&page=2").body();
        assertThat(paged).contains("page 2 of 2", "ws-1").doesNotContain("ws-3");
    }

    @Test
    void aViewerIsRefusedTheAdminPages() {
        c.viewer();
        DashboardClient viewer = new DashboardClient(c).signedIn(c.viewer());
        String summary = viewer.get("/").body();
        assertThat(summary).doesNotContain("/admin/tokens");
        assertThat(admin.get("/").body()).contains("<a href=\"/admin/tokens\">Tokens</a>");

        long id = idOf("test admin");
        for (String path : new String[]{"/admin/tokens", "/admin/tokens?kind=host", "/admin/tokens/" + id + "/revoke"}) {
            HttpResponse<String> r = viewer.get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(403);
            assertThat(r.body()).contains("This page needs an admin token; you are signed in with a viewer token.");
        }
        long tokens = db.count("SELECT COUNT(*) FROM tokens");
        String csrf = DashboardClient.csrfIn(summary);
        assertThat(viewer.post("/admin/tokens", Map.of("name", "mine", "role", "admin", "csrf", csrf)).statusCode())
                .isEqualTo(403);
        assertThat(viewer.post("/admin/tokens/" + id + "/revoke", Map.of("csrf", csrf)).statusCode()).isEqualTo(403);
        assertThat(db.count("SELECT COUNT(*) FROM tokens")).isEqualTo(tokens);
        assertThat(c.server.tokens().find(id).orElseThrow().revokedAt()).isNull();

        // Not signed in at all: to the sign-in page.
        HttpResponse<String> anonymous = new DashboardClient(c).get("/admin/tokens");
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(DashboardClient.location(anonymous)).isEqualTo("/login");
    }
}
