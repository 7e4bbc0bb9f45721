package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A collector cut off from PostgreSQL and reconnected: /healthz says so within the connect
 * timeout (what a load balancer acts on), reports are refused with 503 rather than lost, and
 * the pool recovers by itself. /metrics shows the pool throughout.
 */
class PostgresOutageTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    @Timeout(60)
    void healthFollowsTheDatabaseAndThePoolRecovers() throws Exception {
        try (TcpProxy proxy = db.proxy()) {
            var config = db.config(dir);
            config.databaseUrl = db.urlThrough(proxy);
            config.connectTimeout = Duration.ofSeconds(2);
            try (TestCollector c = TestCollector.start(config.build(), clock)) {
                String token = c.enroll("host-a", "ws-a");
                HttpResponse<String> up = c.get("/healthz", null);
                assertThat(up.statusCode()).isEqualTo(200);
                assertThat(up.body()).contains("\"database\":\"reachable\"").contains("\"databaseKind\":\"postgres\"");
                assertThat(c.get("/metrics", c.admin).body()).containsPattern("(?m)^banwatch_db_pool_total [1-9]")
                        .containsPattern("(?m)^banwatch_db_pool_max 4$");

                proxy.cut();
                long cutAt = System.nanoTime();
                HttpResponse<String> down = c.get("/healthz", null);
                assertThat(down.statusCode()).isEqualTo(503);
                assertThat(down.body()).contains("\"database\":\"unreachable\"");
                assertThat(System.nanoTime() - cutAt).as("answered within the connect timeout and a margin")
                        .isLessThan(Duration.ofSeconds(8).toNanos());
                HttpResponse<String> refused = c.post("/api/v1/reports", token, ReportBuilder.report()
                        .host(Samples.linuxHost("host-a", "ws-a"))
                        .software(Samples.withKesl())
                        .scannedAt(clock.instant())
                        .json(), null);
                assertThat(refused.statusCode()).isEqualTo(503);

                proxy.restore();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                HttpResponse<String> again = c.get("/healthz", null);
                while (again.statusCode() != 200 && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                    again = c.get("/healthz", null);
                }
                assertThat(again.statusCode()).isEqualTo(200);
                assertThat(c.post("/api/v1/reports", token, ReportBuilder.report()
                        .host(Samples.linuxHost("host-a", "ws-a"))
                        .software(Samples.withKesl())
                        .scannedAt(clock.instant())
                        .json(), null).statusCode()).isEqualTo(201);
                assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(1);
            }
        }
    }
}
