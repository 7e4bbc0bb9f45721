package io.banwatch.collector;

import io.banwatch.collector.db.DatabaseException;
import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * database.query-timeout-seconds reaches PostgreSQL: every pooled connection runs with that
 * statement_timeout, and a database that stops answering mid-query fails the query after the
 * socket timeout instead of holding the request thread for ever. PostgreSQL only: SQLite is a
 * local file with its own busy timeout.
 */
class PostgresTimeoutTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    private static String show(java.sql.Connection c, String setting) throws java.sql.SQLException {
        return query(c, "SHOW " + setting);
    }

    private static String query(java.sql.Connection c, String sql) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void theDefaultStatementTimeoutIsThirtySeconds() {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String timeout = c.server.database().read(conn -> show(conn, "statement_timeout"));
            assertThat(timeout).isEqualTo("30s");
        }
    }

    @Test
    void aStatementLongerThanTheSettingIsCancelled() {
        var config = db.config(dir);
        config.queryTimeout = Duration.ofSeconds(1);
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            String timeout = c.server.database().read(conn -> show(conn, "statement_timeout"));
            assertThat(timeout).isEqualTo("1s");
            assertThatThrownBy(() -> c.server.database().read(conn -> query(conn, "SELECT pg_sleep(3)::text")))
                    .isInstanceOf(DatabaseException.class).hasMessageContaining("statement timeout");
        }
    }

    @Test
    @Timeout(60)
    void aDatabaseThatStopsAnsweringFailsTheQueryAfterTheSocketTimeout() {
        try (TcpProxy proxy = db.proxy()) {
            var config = db.config(dir);
            config.databaseUrl = db.urlThrough(proxy);
            config.queryTimeout = Duration.ofSeconds(1);
            try (TestCollector c = TestCollector.start(config.build(), clock)) {
                long[] started = new long[1];
                assertThatThrownBy(() -> c.server.database().read(conn -> {
                    proxy.blackHole();
                    started[0] = System.nanoTime();
                    return show(conn, "server_version");
                })).isInstanceOf(DatabaseException.class);
                // Twice the query timeout, and a margin for a loaded machine; without it, never.
                assertThat(Duration.ofNanos(System.nanoTime() - started[0])).isBetween(Duration.ofMillis(1500),
                        Duration.ofSeconds(10));
            }
        }
    }
}
