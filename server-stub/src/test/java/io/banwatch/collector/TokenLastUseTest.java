package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token's last use is written in batches, not one write transaction per request: uses wait in
 * memory for up to ten seconds and are written together by the next request after that, by a
 * listing, or at shutdown.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class TokenLastUseTest {
    private static final Instant T = Instant.parse("2026-12-02T09:00:00Z");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    TokenLastUseTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void usesAreWrittenTogetherAfterTenSecondsOrWhenTokensAreListed() {
        MutableClock clock = new MutableClock(T);
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String first = c.viewer();
            String second = c.viewer();
            String third = c.viewer();

            assertThat(c.get("/api/v1/summary", first).statusCode()).isEqualTo(200);
            assertThat(lastUsed(first)).as("held in memory for now").isNull();

            clock.advance(Duration.ofSeconds(11));
            assertThat(c.get("/api/v1/summary", second).statusCode()).isEqualTo(200);
            assertThat(lastUsed(first)).as("written with the next use after ten seconds").isEqualTo(T.toEpochMilli());
            assertThat(lastUsed(second)).isEqualTo(T.plusSeconds(11).toEpochMilli());

            clock.advance(Duration.ofSeconds(1));
            assertThat(c.get("/api/v1/summary", third).statusCode()).isEqualTo(200);
            assertThat(lastUsed(third)).isNull();
            var listing = c.get("/api/v1/tokens", c.admin);
            assertThat(listing.statusCode()).isEqualTo(200);
            assertThat(lastUsed(third)).as("a listing writes what is held first").isEqualTo(T.plusSeconds(12).toEpochMilli());
        }
    }

    @Test
    void usesHeldInMemoryAreWrittenAtShutdown() {
        MutableClock clock = new MutableClock(T);
        String viewer;
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            viewer = c.viewer();
            clock.advance(Duration.ofSeconds(2));
            assertThat(c.get("/api/v1/summary", viewer).statusCode()).isEqualTo(200);
            assertThat(lastUsed(viewer)).isNull();
        }
        assertThat(lastUsed(viewer)).isEqualTo(T.plusSeconds(2).toEpochMilli());
    }

    private Long lastUsed(String token) {
        String v = db.text("SELECT last_used_at FROM tokens WHERE token_hash = '"
                + io.banwatch.collector.auth.Secrets.sha256Hex(token) + "'");
        return v == null ? null : Long.valueOf(v);
    }
}
