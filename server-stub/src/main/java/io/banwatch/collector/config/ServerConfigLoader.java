package io.banwatch.collector.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the collector's settings from a properties file, then environment variables
 * ({@code BANWATCH_SERVER_DATABASE_URL} for {@code database.url}), then command-line flags,
 * each overriding the one before. A bad value is one error naming the key and where it came from.
 */
public final class ServerConfigLoader {
    public static final Set<String> KEYS = Set.of("bind", "port", "data.dir", "database.url", "database.user",
            "database.password", "database.pool-size", "database.connect-timeout-seconds",
            "database.query-timeout-seconds", "tls.keystore", "tls.keystore-password", "tls.cert", "tls.key",
            "enrollment.secret", "profile", "rules.file", "ingest.max-body-bytes", "ingest.max-report-bytes",
            "ingest.batch", "hosts.stale-days", "reports.store-raw", "alerts.webhook-url", "alerts.format",
            "alerts.on-risk", "metrics.public", "retention.report-days", "retention.raw-days", "retention.history-days",
            "dashboard.session-idle-minutes", "dashboard.session-max-hours");

    /** A setting that cannot be used; the message names the key and its source. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    private ServerConfigLoader() {
    }

    /**
     * @param file      the properties file, or null for none
     * @param env       the environment (System.getenv() in production)
     * @param overrides values from command-line flags, by key
     */
    public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        Properties props = new Properties();
        String origin = "defaults";
        if (file != null) {
            origin = file.toString();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                props.load(r);
            } catch (NoSuchFileException e) {
                throw new ConfigException(file + ": no such file");
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(file + ": cannot read: " + e.getMessage());
            }
            Set<String> unknown = new TreeSet<>(props.stringPropertyNames());
            unknown.removeAll(KEYS);
            if (!unknown.isEmpty()) {
                throw new ConfigException(file + ": unknown key '" + unknown.iterator().next() + "' (known keys: "
                        + String.join(", ", new TreeSet<>(KEYS)) + ")");
            }
        }
        Source src = new Source(props, origin, env, overrides);
        Path dataDir = Path.of(src.get("data.dir", "data"));
        ServerConfig.Builder b = ServerConfig.builder(dataDir);
        b.configFile = file == null ? null : file.toAbsolutePath();
        b.bind = src.get("bind", "127.0.0.1");
        b.port = (int) src.integer("port", ServerConfig.DEFAULT_PORT, 0, 65535);
        b.databaseUrl = src.get("database.url", null);
        b.databaseUser = src.get("database.user", null);
        b.databasePassword = src.get("database.password", null);
        b.poolSize = (int) src.integer("database.pool-size", 8, 2, 200);
        b.connectTimeout = Duration.ofSeconds(src.integer("database.connect-timeout-seconds", 10, 1, 300));
        b.queryTimeout = Duration.ofSeconds(src.integer("database.query-timeout-seconds", 30, 1, 3600));
        b.enrollmentSecret = src.get("enrollment.secret", null);
        if (b.enrollmentSecret != null && b.enrollmentSecret.length() < 16) {
            throw src.bad("enrollment.secret", "must be at least 16 characters");
        }
        b.profile = src.get("profile", "agent");
        String rules = src.get("rules.file", null);
        b.rulesFile = rules == null ? null : Path.of(rules);
        b.maxBodyBytes = src.integer("ingest.max-body-bytes", 8L * 1024 * 1024, 1024, 1L << 31);
        b.maxReportBytes = src.integer("ingest.max-report-bytes", 64L * 1024 * 1024, 1024, 1L << 31);
        b.ingestBatch = (int) src.integer("ingest.batch", 64, 1, 1000);
        b.staleDays = (int) src.integer("hosts.stale-days", 7, 1, 3650);
        b.storeRawReports = src.bool("reports.store-raw", true);
        b.webhookUrl = src.get("alerts.webhook-url", null);
        if (b.webhookUrl != null && !b.webhookUrl.startsWith("http://") && !b.webhookUrl.startsWith("https://")) {
            throw src.bad("alerts.webhook-url", "must be an http:// or https:// URL");
        }
        b.webhookFormat = src.get("alerts.format", "generic");
        if (!b.webhookFormat.equals("generic") && !b.webhookFormat.equals("slack")) {
            throw src.bad("alerts.format", "must be generic or slack");
        }
        b.alertOnRisk = src.bool("alerts.on-risk", false);
        b.metricsPublic = src.bool("metrics.public", false);
        b.retention = retention(src);
        b.sessions = sessions(src);
        String keystore = src.get("tls.keystore", null);
        String cert = src.get("tls.cert", null);
        String key = src.get("tls.key", null);
        if (keystore != null || cert != null || key != null) {
            if (keystore == null && (cert == null || key == null)) {
                throw src.bad(cert == null ? "tls.cert" : "tls.key", "TLS needs tls.keystore, or both tls.cert and tls.key");
            }
            b.tls = new ServerConfig.Tls(keystore == null ? null : Path.of(keystore), src.get("tls.keystore-password", ""),
                    cert == null ? null : Path.of(cert), key == null ? null : Path.of(key));
            for (String k : new String[]{"tls.keystore", "tls.cert", "tls.key"}) {
                String p = src.get(k, null);
                if (p != null && !Files.isReadable(Path.of(p))) {
                    throw src.bad(k, "cannot read " + p);
                }
            }
        }
        return b.build();
    }

    private static ServerConfig.Retention retention(Source src) {
        ServerConfig.Retention d = ServerConfig.Retention.DEFAULT;
        int reportDays = (int) src.integer("retention.report-days", d.reportDays(), 1, 36_500);
        int rawDays = (int) src.integer("retention.raw-days", Math.min(d.rawDays(), reportDays), 1, 36_500);
        // The dashboard's 90-day chart is replayed from the history: keep at least that much.
        int historyDays = (int) src.integer("retention.history-days", d.historyDays(), 90, 36_500);
        if (rawDays > reportDays) {
            throw src.bad("retention.raw-days", "must not be longer than retention.report-days (" + reportDays
                    + "): a raw report goes with its report");
        }
        return new ServerConfig.Retention(reportDays, rawDays, historyDays);
    }

    private static ServerConfig.Sessions sessions(Source src) {
        ServerConfig.Sessions d = ServerConfig.Sessions.DEFAULT;
        long maxHours = src.integer("dashboard.session-max-hours", d.max().toHours(), 1, 720);
        long idleMinutes = src.integer("dashboard.session-idle-minutes", d.idle().toMinutes(), 1, 1440);
        if (idleMinutes > maxHours * 60) {
            throw src.bad("dashboard.session-idle-minutes", "must not be longer than dashboard.session-max-hours ("
                    + maxHours * 60 + " minutes): a session ends then anyway");
        }
        return new ServerConfig.Sessions(Duration.ofMinutes(idleMinutes), Duration.ofHours(maxHours));
    }

    /** Where each key's value comes from: flags, then environment, then the file. */
    private record Source(Properties file, String fileName, Map<String, String> env, Map<String, String> flags) {
        String get(String key, String fallback) {
            String v = flags.get(key);
            if (v == null) {
                v = env.get(envName(key));
            }
            if (v == null) {
                v = file.getProperty(key);
            }
            return v == null || v.isBlank() ? fallback : v.strip();
        }

        String origin(String key) {
            if (flags.containsKey(key)) {
                return "command line";
            }
            if (env.containsKey(envName(key))) {
                return "environment " + envName(key);
            }
            return fileName;
        }

        long integer(String key, long fallback, long min, long max) {
            String v = get(key, null);
            if (v == null) {
                return fallback;
            }
            try {
                long n = Long.parseLong(v);
                if (n < min || n > max) {
                    throw bad(key, "must be between " + min + " and " + max + ", not " + v);
                }
                return n;
            } catch (NumberFormatException e) {
                throw bad(key, "must be a whole number, not '" + v + "'");
            }
        }

        boolean bool(String key, boolean fallback) {
            String v = get(key, null);
            if (v == null) {
                return fallback;
            }
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on", "1" -> true;
                case "false", "no", "off", "0" -> false;
                default -> throw bad(key, "must be true or false, not '" + v + "'");
            };
        }

        ConfigException bad(String key, String message) {
            return new ConfigException(origin(key) + ": " + key + " " + message);
        }

        static String envName(String key) {
            return "BANWATCH_SERVER_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        }
    }
}
