package io.banwatch.collector;

import io.banwatch.collector.config.ServerConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The database a collector test runs on: SQLite in the test's data directory, or a fresh
 * schema of the PostgreSQL database named by {@code -Dbanwatch.test.postgresUrl} (with
 * {@code banwatch.test.postgresUser} and {@code banwatch.test.postgresPassword}), created before
 * each test and dropped after it. Collector test classes run once per {@link Kind}:
 *
 * <pre>{@code
 * @ParameterizedClass(name = "on {0}")
 * @EnumSource(TestDatabase.Kind.class)
 * class IngestTest {
 *     @RegisterExtension
 *     final TestDatabase db;
 *
 *     IngestTest(TestDatabase.Kind kind) {
 *         db = new TestDatabase(kind);
 *     }
 * }
 * }</pre>
 *
 * A class that shares one collector between its tests (a browser session) does not register it,
 * and calls {@link #create()} and {@link #drop()} around each database's run instead.
 *
 * <p>Without a PostgreSQL URL the PostgreSQL runs are skipped, unless
 * {@code -Dbanwatch.postgresTests=required} (CI), where they fail: a CI that silently skipped
 * them would prove nothing about PostgreSQL. {@code server-stub/ci/postgres.sh} starts a
 * throwaway server and prints the flags.
 */
public final class TestDatabase implements BeforeEachCallback, AfterEachCallback {
    public enum Kind { SQLITE, POSTGRES }

    private static final Pattern POSTGRES_HOST_PORT =
            Pattern.compile("^jdbc:postgresql://([^/:]+)(?::(\\d+))?/");

    private final Kind kind;
    private final String postgresUrl = System.getProperty("banwatch.test.postgresUrl");
    private final String postgresUser = System.getProperty("banwatch.test.postgresUser");
    private final String postgresPassword = System.getProperty("banwatch.test.postgresPassword");
    private final boolean required = "required".equals(System.getProperty("banwatch.postgresTests"));
    private String schema;
    private String sqliteUrl;

    public TestDatabase(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        create();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        drop();
    }

    /** Creates this run's PostgreSQL schema (nothing to do for SQLite); aborts the run without PostgreSQL. */
    public void create() {
        if (kind != Kind.POSTGRES) {
            return;
        }
        if (postgresUrl == null || postgresUrl.isBlank()) {
            if (required) {
                throw new IllegalStateException("-Dbanwatch.postgresTests=required, but no"
                        + " -Dbanwatch.test.postgresUrl: start one with server-stub/ci/postgres.sh");
            }
            Assumptions.abort("no PostgreSQL: pass the flags printed by server-stub/ci/postgres.sh to run these");
        }
        schema = "t_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        admin().execute("CREATE SCHEMA " + schema);
    }

    /** Drops what {@link #create()} made. */
    public void drop() {
        if (schema != null) {
            admin().execute("DROP SCHEMA " + schema + " CASCADE");
            schema = null;
        }
    }

    /** Collector settings for a test whose data directory is {@code dataDir}, on this database. */
    public ServerConfig.Builder config(Path dataDir) {
        ServerConfig.Builder b = TestCollector.config(dataDir);
        if (kind == Kind.POSTGRES) {
            b.databaseUrl = url();
            b.databaseUser = postgresUser;
            b.databasePassword = postgresPassword;
        } else {
            // The default: SQLite in the data directory (databaseUrl left blank).
            sqliteUrl = b.build().jdbcUrl();
        }
        return b;
    }

    /** The JDBC URL the collector uses (PostgreSQL: with this test's schema as the current one). */
    public String url() {
        if (kind == Kind.POSTGRES) {
            return postgresUrl + (postgresUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        }
        if (sqliteUrl == null) {
            throw new IllegalStateException("call config(dataDir) first: the SQLite file lives in the data directory");
        }
        return sqliteUrl;
    }

    /** A loopback proxy in front of this PostgreSQL server, to cut or stall the collector's connections. */
    TcpProxy proxy() {
        Matcher m = hostAndPort();
        return new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    /** {@link #url()}, reached through {@code proxy}. */
    String urlThrough(TcpProxy proxy) {
        return hostAndPort().replaceFirst("jdbc:postgresql://127.0.0.1:" + proxy.port() + "/");
    }

    private Matcher hostAndPort() {
        Matcher m = POSTGRES_HOST_PORT.matcher(url());
        if (kind != Kind.POSTGRES || !m.find()) {
            throw new IllegalStateException("not a PostgreSQL URL with a host: " + url());
        }
        return m;
    }

    public String user() {
        return kind == Kind.POSTGRES ? postgresUser : null;
    }

    public String password() {
        return kind == Kind.POSTGRES ? postgresPassword : null;
    }

    /** Direct access to the database the collector under test uses. */
    public Sql sql() {
        return new Sql(url(), user(), password());
    }

    public long count(String query) {
        return sql().count(query);
    }

    public String text(String query) {
        return sql().text(query);
    }

    private Sql admin() {
        return new Sql(postgresUrl, postgresUser, postgresPassword);
    }
}
