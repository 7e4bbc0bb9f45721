package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import io.javalin.router.Endpoint;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-site request forgery: a state-changing request signed in by the session cookie needs the
 * session's CSRF token, or it is refused with 403 and changes nothing; one with a bearer token
 * needs none; the sign-in form needs the value of the cookie its page set.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class CsrfTest {
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private TestCollector c;
    private DashboardClient admin;

    CsrfTest(TestDatabase.Kind kind) {
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

    /** What a refused request must not have changed. */
    private String state() {
        return db.count("SELECT COUNT(*) FROM tokens") + " tokens, " + db.count("SELECT COUNT(*) FROM tokens WHERE"
                + " revoked_at IS NOT NULL") + " revoked, " + db.count("SELECT COUNT(*) FROM dashboard_sessions")
                + " sessions, " + db.count("SELECT COUNT(*) FROM reports") + " reports";
    }

    /** Issues a viewer token and returns its id. */
    private long viewerId() {
        c.viewer();
        return c.server.tokens().list().stream().filter(t -> t.name().equals("test viewer")).findFirst()
                .orElseThrow().id();
    }

    @Test
    void aDashboardFormWithoutOrWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
        long viewer = viewerId();
        String before = state();
        for (Map<String, String> form : List.of(Map.of("name", "forged", "role", "admin"),
                Map.of("name", "forged", "role", "admin", "csrf", "not-the-token"),
                Map.of("name", "forged", "role", "admin", "csrf", ""))) {
            HttpResponse<String> r = admin.post("/admin/tokens", form);
            assertThat(r.statusCode()).as(form.toString()).isEqualTo(403);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertThat(r.body()).contains("This form&#39;s security token is missing or wrong, so nothing was changed")
                    .doesNotContain("forged");
        }
        assertThat(admin.post("/admin/tokens/" + viewer + "/revoke", Map.of()).statusCode()).isEqualTo(403);
        assertThat(admin.post("/logout", Map.of("csrf", "x")).statusCode()).isEqualTo(403);
        assertThat(state()).isEqualTo(before);

        // With the session's own token, the same forms work.
        String csrf = admin.csrf();
        assertThat(admin.post("/admin/tokens", Map.of("name", "real", "role", "viewer", "csrf", csrf)).statusCode())
                .isEqualTo(201);
        assertThat(admin.post("/admin/tokens/" + viewer + "/revoke", Map.of("csrf", csrf)).statusCode()).isEqualTo(303);
        assertThat(c.server.tokens().find(viewer).orElseThrow().revokedAt()).isNotNull();
    }

    @Test
    void aScriptUsingTheSessionCookieSendsTheTokenInAHeader() {
        long viewer = viewerId();
        String before = state();
        HttpRequest.Builder create = admin.request("/api/v1/tokens").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"admin\",\"name\":\"forged\"}"));
        HttpResponse<String> none = admin.send(create.copy());
        assertThat(none.statusCode()).isEqualTo(403);
        assertThat(none.body()).contains("\"error\":\"csrf_token_invalid\"", "X-CSRF-Token");
        assertThat(admin.send(create.copy().header("X-CSRF-Token", "wrong")).statusCode()).isEqualTo(403);
        assertThat(admin.send(admin.request("/api/v1/tokens/" + viewer).DELETE()).statusCode()).isEqualTo(403);
        assertThat(state()).isEqualTo(before);

        String csrf = admin.csrf();
        assertThat(admin.send(create.copy().header("X-CSRF-Token", csrf)).statusCode()).isEqualTo(201);
        assertThat(admin.send(admin.request("/api/v1/tokens/" + viewer).header("X-CSRF-Token", csrf).DELETE())
                .statusCode()).isEqualTo(204);
    }

    @Test
    void aBearerTokenNeedsNoCsrfTokenAndMakesTheCookieIrrelevant() {
        HttpResponse<String> r = c.post("/api/v1/tokens", c.admin, "{\"role\":\"viewer\",\"name\":\"script\"}");
        assertThat(r.statusCode()).isEqualTo(201);
        // A bearer request that also carries a viewer's session cookie is the bearer's, and needs no CSRF token.
        DashboardClient viewer = new DashboardClient(c).signedIn(c.viewer());
        HttpResponse<String> both = viewer.send(viewer.request("/api/v1/tokens").header("Authorization", "Bearer " + c.admin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"role\":\"viewer\",\"name\":\"script 2\"}")));
        assertThat(both.statusCode()).isEqualTo(201);
        // Agents: enrollment (no credential) and reports (host token) as before.
        String host = c.enroll("host-a", "ws-a");
        assertThat(c.post("/api/v1/reports", host, ReportBuilder.report()
                .host(Samples.linuxHost("host-a", "ws-a"))
                .software(Samples.baseSoftware())
                .scannedAt(clock.instant())
                .json(), null).statusCode()).isEqualTo(201);
    }

    @Test
    void everyStateChangingRouteRefusesASessionWithoutItsCsrfToken() {
        long viewer = viewerId();
        List<String> walked = new ArrayList<>();
        String before = state();
        for (Endpoint e : c.server.endpoints()) {
            if (!UNSAFE.contains(e.method.name())) {
                continue;
            }
            String path = e.path.replaceAll("\\{[^}]+}", String.valueOf(viewer));
            walked.add(e.method.name() + " " + e.path);
            HttpResponse<String> r = admin.send(admin.request(path).header("Content-Type",
                    "application/x-www-form-urlencoded").method(e.method.name(),
                    HttpRequest.BodyPublishers.ofString("name=forged&role=admin&token=" + c.admin)));
            assertThat(r.statusCode()).as(e.method + " " + e.path + ": " + r.body()).isEqualTo(403);
        }
        assertThat(walked).contains("POST /login", "POST /logout", "POST /admin/tokens", "POST /admin/tokens/{id}/revoke",
                "POST /api/v1/tokens", "DELETE /api/v1/tokens/{id}", "POST /api/v1/reports", "POST /api/v1/enroll");
        assertThat(state()).isEqualTo(before);
        assertThat(admin.get("/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void theSignInFormMustRepeatTheValueOfItsCookie() {
        String viewer = c.viewer();
        String before = state();
        DashboardClient browser = new DashboardClient(c);
        HttpResponse<String> page = browser.get("/login");
        String value = DashboardClient.csrfIn(page.body());
        assertThat(DashboardClient.setCookie(page, "banwatch_login")).startsWith("banwatch_login=" + value + ";")
                .contains("Path=/login", "HttpOnly", "SameSite=Strict", "Max-Age=1800").doesNotContain("Secure");

        // A form posted from elsewhere has no cookie (SameSite=Strict) and cannot know the value.
        DashboardClient elsewhere = new DashboardClient(c);
        for (Map<String, String> form : List.of(Map.of("token", viewer), Map.of("token", viewer, "csrf", value))) {
            HttpResponse<String> r = elsewhere.post("/login", form);
            assertThat(r.statusCode()).isEqualTo(403);
            assertThat(r.body()).contains("The sign-in form has expired or did not come from this collector");
            assertThat(r.headers().allValues("Set-Cookie")).noneMatch(s -> s.startsWith("banwatch_session="));
        }
        assertThat(elsewhere.post("/login/", Map.of("token", viewer)).statusCode()).as("the same route").isEqualTo(403);
        assertThat(browser.post("/login", Map.of("token", viewer, "csrf", value + "x")).statusCode()).isEqualTo(403);
        assertThat(browser.post("/login", Map.of("token", viewer)).statusCode()).isEqualTo(403);
        assertThat(state()).isEqualTo(before);

        HttpResponse<String> ok = browser.post("/login", Map.of("token", viewer, "csrf", value));
        assertThat(ok.statusCode()).isEqualTo(303);
        assertThat(browser.session()).isNotNull();
    }
}
