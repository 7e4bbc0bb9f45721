package io.banwatch.collector.db;

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
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The collector's database: a connection pool, migrated to this build's schema on start.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}: an acknowledged report survives a
 * power loss, and the ingest writer batches reports so the fsync is paid once per batch.
 * PostgreSQL runs at its default READ COMMITTED isolation; see {@link Dialect} for why that is
 * enough, and {@link #retryingTransaction} for what is retried.
 */
public final class Database implements AutoCloseable {
    static final int ATTEMPTS = 5;

    private final HikariDataSource pool;
    private final Dialect dialect;
    private final String url;
    private final AtomicLong retries = new AtomicLong();
    /**
     * SQLite has one writer at a time, and a transaction that finds the write lock taken waits in
     * SQLite's busy handler, which polls with sleeps of up to 100 ms: an enrollment arriving during
     * an ingest batch waited tens of milliseconds, and the ingest writer as long behind it. Write
     * transactions of this process therefore queue here, in arrival order, and SQLite's own lock
     * (and busy_timeout) only ever waits for other processes, such as a backup. Null on PostgreSQL.
     */
    private final ReentrantLock sqliteWriter;

    private Database(HikariDataSource pool, Dialect dialect, String url) {
        this.pool = pool;
        this.dialect = dialect;
        this.url = url;
        this.sqliteWriter = dialect == Dialect.SQLITE ? new ReentrantLock(true) : null;
    }

    /** The collector's default for {@code database.query-timeout-seconds}. */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** {@link #open(String, String, String, int, Duration, Duration)} with the default query timeout. */
    public static Database open(String jdbcUrl, String user, String password, int poolSize, Duration connectTimeout) {
        return open(jdbcUrl, user, password, poolSize, connectTimeout, DEFAULT_QUERY_TIMEOUT);
    }

    /**
     * Connects, migrates and checks the schema.
     *
     * @param connectTimeout how long to wait for a connection, at start-up and from the pool later
     * @param queryTimeout   PostgreSQL: the longest a statement may run, and half the time after
     *                       which a database that does not answer at all is given up
     * @throws DatabaseException when the database is unreachable or its schema is newer than this build
     */
    public static Database open(String jdbcUrl, String user, String password, int poolSize, Duration connectTimeout,
                                Duration queryTimeout) {
        Database db = connect(jdbcUrl, user, password, poolSize, connectTimeout, queryTimeout, true);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        return db;
    }

    /**
     * Opens a collector database that must already exist, for the administration commands: they
     * neither create one (a token in a new, empty database is one no running collector knows) nor
     * migrate one (that is the collector's to do, at its start).
     *
     * @param pointer how to name the right one, for the refusal: e.g. "--data DIR or --config FILE"
     * @throws DatabaseException when there is no collector database there (SQLite: no file;
     *                           PostgreSQL: a schema the collector never migrated), it is unreachable, or
     *                           its schema is newer than this build
     */
    public static Database openExisting(String jdbcUrl, String user, String password, Duration connectTimeout,
                                        Duration queryTimeout, String pointer) {
        Dialect dialect = Dialect.of(jdbcUrl);
        if (dialect == Dialect.SQLITE) {
            Path file = sqliteFile(jdbcUrl);
            if (file != null && !Files.isRegularFile(file)) {
                throw new DatabaseException("no collector database in " + file.getParent() + " (no " + file.getFileName()
                        + " there); point at the running collector's with " + pointer);
            }
        }
        Database db = connect(jdbcUrl, user, password, 2, connectTimeout, queryTimeout, false);
        try {
            Flyway flyway = db.flyway();
            refuseNewer(flyway);
            if (flyway.info().current() == null) {
                throw new DatabaseException("no collector database at " + redact(jdbcUrl) + " (no collector has started"
                        + " on it); point at the running collector's with " + pointer);
            }
            return db;
        } catch (org.flywaydb.core.api.FlywayException e) {
            db.close();
            throw new DatabaseException("cannot read the schema of " + redact(jdbcUrl) + ": " + oneLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Database connect(String jdbcUrl, String user, String password, int poolSize, Duration connectTimeout,
                                    Duration queryTimeout, boolean createDirectory) {
        Dialect dialect = Dialect.of(jdbcUrl);
        if (dialect == Dialect.SQLITE && createDirectory) {
            createParentDirectory(jdbcUrl);
        }
        long timeoutMs = Math.max(250, connectTimeout.toMillis());
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        hc.setPoolName("banwatch-db");
        hc.setMaximumPoolSize(Math.max(2, poolSize));
        hc.setConnectionTimeout(timeoutMs);
        hc.setValidationTimeout(Math.min(5_000, timeoutMs));
        hc.setInitializationFailTimeout(timeoutMs);
        if (user != null) {
            hc.setUsername(user);
        }
        if (password != null) {
            hc.setPassword(password);
        }
        hc.setDataSourceProperties(dialect.connectionProperties(connectTimeout, queryTimeout));
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(hc);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + redact(jdbcUrl) + ": "
                    + hide(connectFailure(e), password), e);
        }
        return new Database(ds, dialect, jdbcUrl);
    }

    private Flyway flyway() {
        return Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .placeholders(dialect.placeholders())
                .ignoreMigrationPatterns("")
                .load();
    }

    /** A migration applied by a newer collector and unknown to this one: refuse to run on it. */
    private static void refuseNewer(Flyway flyway) {
        for (MigrationInfo m : flyway.info().all()) {
            if (m.getState() == MigrationState.FUTURE_SUCCESS || m.getState() == MigrationState.FUTURE_FAILED) {
                throw new DatabaseException("the database schema (version " + m.getVersion()
                        + ") is newer than this collector understands; run the newer collector or restore a backup");
            }
        }
    }

    private void migrate() {
        Flyway flyway = flyway();
        refuseNewer(flyway);
        try {
            MigrateResult result = flyway.migrate();
            if (!result.success) {
                throw new DatabaseException("database migration failed on " + redact(url));
            }
        } catch (org.flywaydb.core.api.FlywayException e) {
            throw new DatabaseException("database migration failed: " + oneLine(e.getMessage()), e);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s+", " ").strip();
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
        if (sqliteWriter == null) {
            return transactionOnce(work);
        }
        sqliteWriter.lock();
        try {
            return transactionOnce(work);
        } finally {
            sqliteWriter.unlock();
        }
    }

    private <T> T transactionOnce(SqlWork<T> work) {
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

    /**
     * Like {@link #transaction}, but runs {@code work} again (up to {@value #ATTEMPTS} times in all,
     * after a short random pause) when it failed only because a concurrent transaction won a
     * deadlock or a serialization conflict. {@code work} must therefore be safe to repeat: it
     * must not keep anything it learnt in an attempt that was rolled back.
     */
    public <T> T retryingTransaction(SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction(work);
            } catch (DatabaseException e) {
                if (attempt >= ATTEMPTS || !(e.getCause() instanceof SQLException s) || !dialect.isRetryable(s)) {
                    throw e;
                }
                retries.incrementAndGet();
                pause(attempt);
            }
        }
    }

    /** How many transactions were run again after a deadlock or serialization failure. */
    public long retries() {
        return retries.get();
    }

    private static void pause(int attempt) {
        try {
            // Jittered, so the two losers of a deadlock do not collide again in step.
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted while retrying a transaction", e);
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

    /** The file of a SQLite URL, or null for an in-memory or URI-style one. */
    private static Path sqliteFile(String jdbcUrl) {
        String file = jdbcUrl.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return null;
        }
        return Path.of(file).toAbsolutePath();
    }

    private static void createParentDirectory(String jdbcUrl) {
        Path file = sqliteFile(jdbcUrl);
        if (file == null) {
            return;
        }
        Path parent = file.getParent();
        try {
            DataDirectory.create(parent);
        } catch (java.io.IOException e) {
            throw new DatabaseException("cannot create the data directory " + parent + ": " + e.getMessage(), e);
        }
    }

    /** The URL without its password, whether given as a parameter or as user:password@. */
    public static String redact(String jdbcUrl) {
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("(//[^/:@]*:)[^/@]*@", "$1***@");
    }

    private static String hide(String message, String password) {
        return password == null || password.isEmpty() ? message : message.replace(password, "***");
    }

    /**
     * The most telling message of a failed connection, on one line: the driver's own (the
     * deepest SQLException, e.g. "Connection to db:5432 refused" or "password authentication
     * failed"), else the root cause's.
     */
    private static String connectFailure(Throwable e) {
        Throwable root = e;
        SQLException deepestSql = null;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            root = t;
            if (t instanceof SQLException s) {
                deepestSql = s;
            }
        }
        Throwable chosen = deepestSql != null ? deepestSql : root;
        String message = chosen.getMessage() == null ? chosen.getClass().getSimpleName() : chosen.getMessage();
        return message.replaceAll("\\s+", " ").strip();
    }
}
