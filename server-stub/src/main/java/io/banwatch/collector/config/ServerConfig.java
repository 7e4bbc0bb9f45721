package io.banwatch.collector.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The collector's settings. Built by {@link ServerConfigLoader} from a properties file and
 * command-line overrides; tests build one directly with {@link #defaults(Path)}.
 *
 * @param bind                 address to listen on; 127.0.0.1 unless configured otherwise
 * @param port                 TCP port; 0 picks a free one (tests)
 * @param dataDir              where the embedded database, the initial admin token and the
 *                             enrollment secret live
 * @param databaseUrl          JDBC URL; SQLite in {@code dataDir} when blank
 * @param databaseUser         database user (PostgreSQL), or null
 * @param databasePassword     database password (PostgreSQL), or null
 * @param poolSize             database connections
 * @param connectTimeout       how long to wait for a database connection, at start-up and later
 * @param queryTimeout         PostgreSQL: longest statement (statement_timeout); a database that
 *                             stops answering at all is given up after twice that (socket timeout)
 * @param tls                  TLS settings, or null for plain HTTP
 * @param enrollmentSecret     the shared secret agents enroll with; generated on first start when null
 * @param profile              the profile the collector judges with, or {@code agent} to use each
 *                             agent's own (per-host overrides win over both)
 * @param rulesFile            an extra rule pack, or null
 * @param maxBodyBytes         largest request body accepted, as sent (compressed)
 * @param maxReportBytes       largest report accepted after decompression (gzip bomb guard)
 * @param staleDays            a host not seen for this many days is stale
 * @param storeRawReports      keep each report's JSON (compressed) for audit and re-evaluation
 * @param webhookUrl           where alerts are POSTed, or null for none
 * @param webhookFormat        {@code generic} or {@code slack}
 * @param alertOnRisk          also alert when a host newly reaches RISK
 * @param metricsPublic        serve /metrics without a token
 * @param ingestBatch          reports written per database transaction at most
 * @param alertWorker          deliver alerts in the background (tests turn it off to deliver by hand)
 * @param retention            how long reports, raw reports and history are kept
 * @param jobWorker            run periodic jobs (retention) in the background (tests run them by hand)
 * @param configFile           the settings file this was read from (absolute), or null: the sign-in
 *                             page's token command names it
 * @param webhookTimeout       how long one webhook request may take once connected (tests shorten it)
 * @param sessions             how long a dashboard sign-in lasts
 * @param alerting             lifecycle alerts, the dashboard's public address and e-mail
 */
public record ServerConfig(String bind, int port, Path dataDir, String databaseUrl, String databaseUser,
                           String databasePassword, int poolSize, Duration connectTimeout, Duration queryTimeout, Tls tls, String enrollmentSecret, String profile,
                           Path rulesFile, long maxBodyBytes, long maxReportBytes, int staleDays,
                           boolean storeRawReports, String webhookUrl, String webhookFormat, boolean alertOnRisk,
                           boolean metricsPublic, int ingestBatch, boolean alertWorker, Retention retention,
                           boolean jobWorker, Path configFile, Duration webhookTimeout, Sessions sessions,
                           AlertSettings alerting) {

    public static final int DEFAULT_PORT = 8740;

    /**
     * TLS from a PKCS#12/JKS keystore or a PEM certificate chain and key.
     *
     * @param keystore         keystore file, or null
     * @param keystorePassword its password
     * @param certPem          PEM certificate chain, or null
     * @param keyPem           PEM private key (PKCS#8), or null
     */
    public record Tls(Path keystore, String keystorePassword, Path certPem, Path keyPem) {
    }

    /**
     * What the retention job deletes, so that the database stays the same size for the same fleet.
     *
     * @param reportDays  reports received longer ago are deleted, except each host's latest one and
     *                    the one holding the raw copy of its current inventory
     * @param rawDays     the raw JSON of older reports is dropped (the report row stays), except the
     *                    raw copy of each host's current inventory
     * @param historyDays host history, alerts and long-revoked tokens older than this are deleted
     */
    public record Retention(int reportDays, int rawDays, int historyDays) {
        public static final Retention DEFAULT = new Retention(30, 7, 365);
    }

    /**
     * How long a dashboard sign-in lasts.
     *
     * @param idle a session not used for this long has ended
     * @param max  a session ends this long after its sign-in, however much it is used
     */
    public record Sessions(Duration idle, Duration max) {
        public static final Sessions DEFAULT = new Sessions(Duration.ofMinutes(30), Duration.ofHours(8));
    }

    /**
     * Alerts beyond level changes, and where they link to.
     *
     * @param publicUrl    the dashboard's address as people reach it ({@code collector.public-url}),
     *                     for links in alerts; null: alerts say there is no link
     * @param onFixed      alert when a non-compliant host is CLEAN again
     * @param onStale      alert when a host has not reported for {@code hosts.stale-days}
     * @param deadlineDays alert this many days (each of them) before a milestone that will make a
     *                     host's findings VIOLATION; empty for none
     * @param digest       send a daily digest (fleet totals and the day's changes)
     * @param digestHour   the hour (UTC, 0-23) from which the day's digest is sent
     * @param email        e-mail delivery, or null for none
     */
    public record AlertSettings(String publicUrl, boolean onFixed, boolean onStale, List<Integer> deadlineDays,
                                boolean digest, int digestHour, Email email) {
        public static final AlertSettings DEFAULT = new AlertSettings(null, true, true, List.of(30, 7), false,
                7, null);

        public AlertSettings {
            deadlineDays = List.copyOf(deadlineDays);
        }
    }

    /**
     * Alerts by e-mail over SMTP.
     *
     * @param host               the SMTP server
     * @param port               its port (587 for submission with STARTTLS)
     * @param from               the sender address
     * @param to                 the recipients
     * @param user               the user to sign in as, or null for none
     * @param passwordFile       a file holding the password (first line), or null
     * @param starttls           require STARTTLS: never send in clear text (the default)
     * @param trustStore         a PKCS#12 file of certificates to trust for the SMTP server, or null for the JVM's
     * @param trustStorePassword its password, or null
     */
    public record Email(String host, int port, String from, List<String> to, String user, Path passwordFile,
                        boolean starttls, Path trustStore, String trustStorePassword) {
        public Email {
            to = List.copyOf(to);
        }
    }

    /** Everything at its default, data in {@code dataDir}, on a free loopback port. */
    public static ServerConfig defaults(Path dataDir) {
        return builder(dataDir).build();
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** A builder holding this config's values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder(dataDir);
        b.bind = bind;
        b.port = port;
        b.databaseUrl = databaseUrl;
        b.databaseUser = databaseUser;
        b.databasePassword = databasePassword;
        b.poolSize = poolSize;
        b.connectTimeout = connectTimeout;
        b.queryTimeout = queryTimeout;
        b.tls = tls;
        b.enrollmentSecret = enrollmentSecret;
        b.profile = profile;
        b.rulesFile = rulesFile;
        b.maxBodyBytes = maxBodyBytes;
        b.maxReportBytes = maxReportBytes;
        b.staleDays = staleDays;
        b.storeRawReports = storeRawReports;
        b.webhookUrl = webhookUrl;
        b.webhookFormat = webhookFormat;
        b.alertOnRisk = alertOnRisk;
        b.metricsPublic = metricsPublic;
        b.ingestBatch = ingestBatch;
        b.alertWorker = alertWorker;
        b.retention = retention;
        b.jobWorker = jobWorker;
        b.configFile = configFile;
        b.webhookTimeout = webhookTimeout;
        b.sessions = sessions;
        b.alerting = alerting;
        return b;
    }

    public String jdbcUrl() {
        return databaseUrl == null || databaseUrl.isBlank()
                ? "jdbc:sqlite:" + dataDir.resolve("banwatch.db").toAbsolutePath()
                : databaseUrl;
    }

    public Duration staleAfter() {
        return Duration.ofDays(staleDays);
    }

    /** Collects settings; every field starts at the documented default. */
    public static final class Builder {
        private final Path dataDir;
        public String bind = "127.0.0.1";
        public int port = 0;
        public String databaseUrl;
        public String databaseUser;
        public String databasePassword;
        public int poolSize = 4;
        public Duration connectTimeout = Duration.ofSeconds(10);
        public Duration queryTimeout = Duration.ofSeconds(30);
        public Tls tls;
        public String enrollmentSecret;
        public String profile = "agent";
        public Path rulesFile;
        public long maxBodyBytes = 8L * 1024 * 1024;
        public long maxReportBytes = 64L * 1024 * 1024;
        public int staleDays = 7;
        public boolean storeRawReports = true;
        public String webhookUrl;
        public String webhookFormat = "generic";
        public boolean alertOnRisk;
        public boolean metricsPublic;
        public int ingestBatch = 64;
        public boolean alertWorker = true;
        public Retention retention = Retention.DEFAULT;
        public boolean jobWorker = true;
        public Path configFile;
        public Duration webhookTimeout = Duration.ofSeconds(15);
        public Sessions sessions = Sessions.DEFAULT;
        public AlertSettings alerting = AlertSettings.DEFAULT;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        public ServerConfig build() {
            return new ServerConfig(bind, port, dataDir, databaseUrl, databaseUser, databasePassword, poolSize,
                    connectTimeout, queryTimeout, tls, enrollmentSecret, profile, rulesFile, maxBodyBytes, maxReportBytes, staleDays,
                    storeRawReports, webhookUrl, webhookFormat, alertOnRisk, metricsPublic, ingestBatch, alertWorker,
                    retention, jobWorker, configFile, webhookTimeout, sessions, alerting);
        }
    }
}
