package io.banwatch.collector;

import io.banwatch.collector.auth.Secrets;
import io.banwatch.collector.config.ServerConfig;
import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's sign-in is a session in the database, not the token in a cookie: a cookie that
 * only the session's id is, which signing out, the idle time, the absolute expiry and revoking
 * the token all make worthless, and which the retention job cleans up after.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class DashboardSessionTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private TestCollector c;

    DashboardSessionTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    private TestCollector start(ServerConfig.Builder config) {
        config.jobWorker = false;
        c = TestCollector.start(config.build(), clock);
        return c;
    }

    @AfterEach
    void stop() {
        if (c != null) {
            c.close();
        }
    }

    /** The browser's next page: 200 while signed in, else a redirect to the sign-in page. */
    private static boolean signedIn(DashboardClient browser) {
        HttpResponse<String> r = browser.get("/hosts");
        if (r.statusCode() == 303) {
            assertThat(DashboardClient.location(r)).isEqualTo("/login");
            return false;
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return true;
    }

    private long sessionRows() {
        return db.count("SELECT COUNT(*) FROM dashboard_sessions");
    }

    @Test
    void signingInSetsACookieThatIsARandomSessionIdNotTheToken() {
        start(db.config(dir));
        String viewer = c.viewer();
        DashboardClient browser = new DashboardClient(c);
        HttpResponse<String> r = browser.signIn(viewer);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(DashboardClient.location(r)).isEqualTo("/");

        String cookie = DashboardClient.setCookie(r, "banwatch_session");
        String id = browser.session();
        assertThat(id).isNotBlank().doesNotContain(viewer).doesNotContain(viewer.substring(5));
        assertThat(id.length()).as("at least 128 random bits, base64url").isGreaterThanOrEqualTo(22);
        assertThat(cookie).contains("; Path=/", "HttpOnly", "SameSite=Strict", "Max-Age=28800")
                .doesNotContain("Secure", "Domain");
        // The sign-in form's double-submit cookie has done its work.
        assertThat(DashboardClient.cleared(DashboardClient.setCookie(r, "banwatch_login"))).isTrue();

        // Stored as its hash only, bound to the token that signed in.
        assertThat(db.count("SELECT COUNT(*) FROM dashboard_sessions WHERE session_hash = '" + Secrets.sha256Hex(id)
                + "' AND token_id = (SELECT id FROM tokens WHERE name = 'test viewer')")).isEqualTo(1);
        assertThat(db.count("SELECT COUNT(*) FROM dashboard_sessions WHERE session_hash = '" + id + "'")).isZero();

        // The header says who is signed in, and its sign-out form carries the session's CSRF token.
        String page = browser.get("/").body();
        assertThat(page).contains("<span class=\"who\">test viewer <span class=\"role\">viewer</span></span>",
                "<form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\""
                        + Secrets.csrfToken(id) + "\">")
                .doesNotContain(id).doesNotContain("/admin/tokens");

        // A cookie holding the token itself (what the dashboard set until now) signs nobody in.
        DashboardClient old = new DashboardClient(c);
        old.cookies.put("banwatch_session", viewer);
        assertThat(signedIn(old)).isFalse();
        assertThat(old.get("/api/v1/summary").statusCode()).isEqualTo(401);
    }

    @Test
    void signingOutDeletesTheSessionSoACopyOfTheCookieIsRefused() {
        start(db.config(dir));
        DashboardClient browser = new DashboardClient(c).signedIn(c.viewer());
        String copy = browser.session();
        assertThat(sessionRows()).isEqualTo(1);

        HttpResponse<String> out = browser.post("/logout", Map.of("csrf", browser.csrf()));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(DashboardClient.location(out)).isEqualTo("/login");
        assertThat(DashboardClient.cleared(DashboardClient.setCookie(out, "banwatch_session"))).isTrue();
        assertThat(browser.session()).isNull();
        assertThat(sessionRows()).isZero();

        DashboardClient replay = new DashboardClient(c);
        replay.cookies.put("banwatch_session", copy);
        assertThat(signedIn(replay)).isFalse();
        HttpResponse<String> api = replay.get("/api/v1/summary");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).contains("\"error\":\"unauthorized\"");
    }

    @Test
    void aSessionEndsWhenUnusedForThirtyMinutes() {
        start(db.config(dir));
        DashboardClient browser = new DashboardClient(c).signedIn(c.viewer());
        clock.advance(Duration.ofMinutes(29).plusSeconds(59));
        assertThat(signedIn(browser)).isTrue();
        // Idle time counts from the last use, not from the sign-in.
        clock.advance(Duration.ofMinutes(29));
        assertThat(signedIn(browser)).isTrue();
        clock.advance(Duration.ofMinutes(30));
        assertThat(signedIn(browser)).isFalse();
        assertThat(browser.session()).as("the ended session's cookie is cleared").isNull();
    }

    @Test
    void aSessionEndsEightHoursAfterSignInHoweverBusy() {
        start(db.config(dir));
        DashboardClient browser = new DashboardClient(c).signedIn(c.viewer());
        String cookie = browser.session();
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(20));
            assertThat(signedIn(browser)).as("after %d minutes", 20 * (i + 1)).isTrue();
        }
        clock.advance(Duration.ofMinutes(19).plusSeconds(59));
        assertThat(signedIn(browser)).as("a second before eight hours").isTrue();
        clock.advance(Duration.ofSeconds(1));
        DashboardClient replay = new DashboardClient(c);
        replay.cookies.put("banwatch_session", cookie);
        assertThat(signedIn(replay)).isFalse();
        assertThat(replay.get("/api/v1/hosts").statusCode()).isEqualTo(401);
    }

    @Test
    void theIdleAndAbsoluteTimesAreSettings() {
        ServerConfig.Builder config = db.config(dir);
        config.sessions = new ServerConfig.Sessions(Duration.ofMinutes(5), Duration.ofHours(1));
        start(config);
        String viewer = c.viewer();
        DashboardClient browser = new DashboardClient(c).signedIn(viewer);
        assertThat(DashboardClient.setCookie(browser.signIn(viewer), "banwatch_session")).contains("Max-Age=3600");
        clock.advance(Duration.ofMinutes(5));
        assertThat(signedIn(browser)).isFalse();

        browser.signedIn(viewer);
        for (int i = 0; i < 14; i++) {
            clock.advance(Duration.ofMinutes(4));
            assertThat(signedIn(browser)).isTrue();
        }
        clock.advance(Duration.ofMinutes(4));
        assertThat(signedIn(browser)).as("an hour after signing in").isFalse();
    }

    @Test
    void lastSeenIsWrittenAtMostOnceAMinute() {
        start(db.config(dir));
        DashboardClient browser = new DashboardClient(c).signedIn(c.viewer());
        long signedInAt = clock.millis();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            assertThat(signedIn(browser)).isTrue();
        }
        assertThat(db.count("SELECT last_seen_at FROM dashboard_sessions")).isEqualTo(signedInAt);
        clock.advance(Duration.ofSeconds(10));
        assertThat(signedIn(browser)).isTrue();
        assertThat(db.count("SELECT last_seen_at FROM dashboard_sessions")).isEqualTo(clock.millis());
    }

    @Test
    void revokingTheTokenEndsItsSessionsAtOnce() {
        start(db.config(dir));
        String viewer = c.viewer();
        DashboardClient first = new DashboardClient(c).signedIn(viewer);
        DashboardClient second = new DashboardClient(c).signedIn(viewer);
        // The token is also in use as a bearer token, so this collector has it cached as valid.
        assertThat(c.get("/api/v1/summary", viewer).statusCode()).isEqualTo(200);
        long id = c.server.tokens().list().stream().filter(t -> t.name().equals("test viewer")).findFirst()
                .orElseThrow().id();

        assertThat(c.delete("/api/v1/tokens/" + id, c.admin).statusCode()).isEqualTo(204);
        assertThat(signedIn(first)).isFalse();
        assertThat(second.get("/api/v1/summary").statusCode()).isEqualTo(401);
        // Their rows go with the next retention run.
        assertThat(c.server.runJobsNow()).containsExactly("retention");
        assertThat(db.count("SELECT COUNT(*) FROM dashboard_sessions WHERE token_id = " + id)).isZero();
    }

    @Test
    void aSessionWhoseTokenWasRevokedBehindTheCollectorsBackIsNoSession() {
        start(db.config(dir));
        DashboardClient browser = new DashboardClient(c).signedIn(c.viewer());
        // As another collector would: this collector learns of it from the database alone, at once.
        db.sql().execute("UPDATE tokens SET revoked_at = " + clock.millis() + " WHERE name = 'test viewer'");
        assertThat(sessionRows()).isEqualTo(1);
        assertThat(signedIn(browser)).isFalse();
    }

    @Test
    void retentionDeletesTheSessionsThatRanOutAndKeepsTheRest() {
        start(db.config(dir));
        String viewer = c.viewer();
        DashboardClient idle = new DashboardClient(c).signedIn(viewer);
        DashboardClient busy = new DashboardClient(c).signedIn(viewer);
        clock.advance(Duration.ofMinutes(20));
        assertThat(signedIn(busy)).isTrue();
        DashboardClient fresh = new DashboardClient(c).signedIn(viewer);
        clock.advance(Duration.ofMinutes(15));
        assertThat(sessionRows()).isEqualTo(3);

        assertThat(c.server.runJobsNow()).containsExactly("retention");
        assertThat(sessionRows()).isEqualTo(2);
        assertThat(db.count("SELECT COUNT(*) FROM dashboard_sessions WHERE session_hash = '"
                + Secrets.sha256Hex(idle.session()) + "'")).isZero();
        assertThat(signedIn(busy)).isTrue();
        assertThat(signedIn(fresh)).isTrue();
        assertThat(db.text("SELECT last_result FROM job_leases WHERE name = 'retention'")).contains("1 ended sessions");
    }

    @Test
    void signingInAgainReplacesTheBrowsersSession() {
        start(db.config(dir));
        DashboardClient browser = new DashboardClient(c).signedIn(c.viewer());
        String before = browser.session();
        browser.signedIn(c.admin);
        assertThat(browser.session()).isNotEqualTo(before);
        assertThat(sessionRows()).isEqualTo(1);
        assertThat(browser.get("/").body()).contains("test admin <span class=\"role\">admin</span>");
    }
}
