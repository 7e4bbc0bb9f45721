package io.banwatch.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Properties;

/**
 * The collector's database: a connection pool, migrated to this build's schema on start.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: an acknowledged report survives a
 * power loss, and the ingest writer batches reports so the fsync is paid once per batch.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String url;

    private Database(HikariDataSource pool, Dialect dialect, String url) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
    }

    /**
     * Connects, migrates and checks the schema.
     *
     * @throws DatabaseException when the database is unreachable or its schema is newer than this build
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize) {
        Dialect dialect = Dialect.of(jdbcUrl);
        if (dialect == Dialect.SQLITE) {
            createParentDirectory(jdbcUrl);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("banwatch-db");
        hc.setMaximumPoolSize(Math.max(2, poolSize));
        hc.setConnectionTimeout(10_000);
        hc.setInitializationFailTimeout(10_000);
        if (user != null) {
            hc.setUsername(user);
        }
        if (password != null) {
            hc.setPassword(password);
        }
        if (dialect == Dialect.SQLITE) {
            Properties p = new Properties();
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "FULL");
            p.setProperty("busy_timeout", "15000");
            p.setProperty("foreign_keys", "false");
            hc.setDataSourceProperties(p);
        }
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + redact(jdbcUrl) + ": " + rootMessage(e), e);
        }
        Database db = new Database(ds, dialect, jdbcUrl);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw e;
        }
        return db;
    }

    private void migrate() {
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .ignoreMigrationPatterns("")
                .load();
        // A migration applied by a newer collector and unknown to this one: refuse to run on it.
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new DatabaseException("the database schema (version " + m.getVersion()
                        + ") is newer than this collector understands; run the newer collector or restore a backup");
            }
        }
        try {
            MigrateResult result = flyway.migrate();
            if (!result.success) {
                throw new DatabaseException("database migration failed on " + redact(url));
            }
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new DatabaseException("database migration failed: " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public <T> T read(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new DatabaseException("database read failed: " + e.getMessage(), e);
        }
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T transaction(SqlWork<T> work) {
        try (Connection c = pool.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new DatabaseException("database transaction failed: " + e.getMessage(), e);
        }
    }

    /** True when a trivial query answers within a second. */
    public boolean reachable() {
        try (Connection c = pool.getConnection()) {
            return c.isValid(1);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Pool figures for /metrics: active, idle, total, waiting. */
    public Map<String, Integer> poolStats() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return Map.of();
        }
        return Map.of("active", bean.getActiveConnections(), "idle", bean.getIdleConnections(),
                "total", bean.getTotalConnections(), "waiting", bean.getThreadsAwaitingConnection(),
                "max", pool.getMaximumPoolSize());
    }

    @Override
    public void close() {
        pool.close();
    }

    private static void createParentDirectory(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new DatabaseException("cannot create the data directory " + parent + ": " + e.getMessage(), e);
        }
    }

    static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
