package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two collectors on one PostgreSQL database, as behind a round-robin load balancer: a session
 * made on one is good on the other (no affinity), and revoking its token or signing out on one
 * ends it on the other at the very next request, with no cache to wait out.
 */
class SessionsAcrossCollectorsTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @TempDir
    Path dirA;

    @TempDir
    Path dirB;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    /** The same browser's cookies, sent to another collector. */
    private static DashboardClient sameCookies(DashboardClient browser, TestCollector other) {
        DashboardClient there = new DashboardClient(other);
        there.cookies.putAll(browser.cookies);
        return there;
    }

    @Test
    void aSessionWorksOnEveryCollectorAndRevokingItsTokenOnOneEndsItOnTheOther() {
        try (TestCollector a = TestCollector.start(db.config(dirA).build(), clock);
             TestCollector b = TestCollector.start(db.config(dirB).build(), clock)) {
            String viewer = a.viewer();
            DashboardClient onA = new DashboardClient(a).signedIn(viewer);
            DashboardClient onB = sameCookies(onA, b);
            assertThat(onA.get("/hosts").statusCode()).isEqualTo(200);
            assertThat(onB.get("/hosts").statusCode()).as("signed in on A, served by B").isEqualTo(200);
            // A also knows the token as a bearer token, and has it cached as valid.
            assertThat(a.get("/api/v1/summary", viewer).statusCode()).isEqualTo(200);

            DashboardClient adminOnB = new DashboardClient(b).signedIn(b.admin);
            long id = b.server.tokens().list().stream().filter(t -> t.name().equals("test viewer")).findFirst()
                    .orElseThrow().id();
            HttpResponse<String> revoked = adminOnB.post("/admin/tokens/" + id + "/revoke",
                    Map.of("csrf", adminOnB.csrf()));
            assertThat(revoked.statusCode()).isEqualTo(303);

            HttpResponse<String> next = onA.get("/hosts");
            assertThat(next.statusCode()).isEqualTo(303);
            assertThat(DashboardClient.location(next)).isEqualTo("/login");
            assertThat(sameCookies(onB, a).get("/api/v1/hosts").statusCode()).isEqualTo(401);
        }
    }

    @Test
    void signingOutOnOneCollectorEndsTheSessionOnTheOther() {
        try (TestCollector a = TestCollector.start(db.config(dirA).build(), clock);
             TestCollector b = TestCollector.start(db.config(dirB).build(), clock)) {
            DashboardClient onA = new DashboardClient(a).signedIn(a.viewer());
            DashboardClient copyOnB = sameCookies(onA, b);
            assertThat(copyOnB.get("/").statusCode()).isEqualTo(200);

            assertThat(onA.post("/logout", Map.of("csrf", onA.csrf())).statusCode()).isEqualTo(303);
            assertThat(copyOnB.get("/").statusCode()).isEqualTo(303);
        }
    }
}
