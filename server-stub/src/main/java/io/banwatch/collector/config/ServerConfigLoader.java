package io.banwatch.collector.config;

import io.banwatch.settings.LayeredSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
    private static final String ENV_PREFIX = "BANWATCH_SERVER_";

    public static final Set<String> KEYS = Set.of("bind", "port", "data.dir", "database.url", "database.user",
            "database.password", "database.pool-size", "database.connect-timeout-seconds",
            "database.query-timeout-seconds", "tls.keystore", "tls.keystore-password", "tls.cert", "tls.key",
            "enrollment.secret", "profile", "rules.file", "ingest.max-body-bytes", "ingest.max-report-bytes",
            "ingest.batch", "hosts.stale-days", "reports.store-raw", "alerts.webhook-url", "alerts.format",
            "alerts.on-risk", "metrics.public", "retention.report-days", "retention.raw-days", "retention.history-days",
            "dashboard.session-idle-minutes", "dashboard.session-max-hours", "collector.public-url", "alerts.on-fixed",
            "alerts.on-stale", "alerts.deadline-days", "alerts.digest", "alerts.digest-hour", "alerts.email.host",
            "alerts.email.port", "alerts.email.from", "alerts.email.to", "alerts.email.user",
            "alerts.email.password-file", "alerts.email.starttls", "alerts.email.trust-store",
            "alerts.email.trust-store-password");

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
        LayeredSettings src = new LayeredSettings(ENV_PREFIX, props, origin, env, overrides, key -> "command line",
                ConfigException::new);
        Path dataDir = Path.of(src.getOr("data.dir", "data"));
        ServerConfig.Builder b = ServerConfig.builder(dataDir);
        b.configFile = file == null ? null : file.toAbsolutePath();
        b.bind = src.getOr("bind", "127.0.0.1");
        b.port = (int) src.number("port", ServerConfig.DEFAULT_PORT, 0, 65535);
        b.databaseUrl = src.get("database.url");
        b.databaseUser = src.get("database.user");
        b.databasePassword = src.get("database.password");
        b.poolSize = (int) src.number("database.pool-size", 8, 2, 200);
        b.connectTimeout = Duration.ofSeconds(src.number("database.connect-timeout-seconds", 10, 1, 300));
        b.queryTimeout = Duration.ofSeconds(src.number("database.query-timeout-seconds", 30, 1, 3600));
        b.enrollmentSecret = src.get("enrollment.secret");
        if (b.enrollmentSecret != null && b.enrollmentSecret.length() < 16) {
            throw src.bad("enrollment.secret", "must be at least 16 characters");
        }
        b.profile = src.getOr("profile", "agent");
        String rules = src.get("rules.file");
        b.rulesFile = rules == null ? null : Path.of(rules);
        b.maxBodyBytes = src.number("ingest.max-body-bytes", 8L * 1024 * 1024, 1024, 1L << 31);
        b.maxReportBytes = src.number("ingest.max-report-bytes", 64L * 1024 * 1024, 1024, 1L << 31);
        b.ingestBatch = (int) src.number("ingest.batch", 64, 1, 1000);
        b.staleDays = (int) src.number("hosts.stale-days", 7, 1, 3650);
        b.storeRawReports = src.bool("reports.store-raw", true);
        b.webhookUrl = src.get("alerts.webhook-url");
        if (b.webhookUrl != null && !b.webhookUrl.startsWith("http://") && !b.webhookUrl.startsWith("https://")) {
            throw src.bad("alerts.webhook-url", "must be an http:// or https:// URL");
        }
        b.webhookFormat = src.getOr("alerts.format", "generic");
        if (!b.webhookFormat.equals("generic") && !b.webhookFormat.equals("slack")) {
            throw src.bad("alerts.format", "must be generic or slack");
        }
        b.alertOnRisk = src.bool("alerts.on-risk", false);
        b.metricsPublic = src.bool("metrics.public", false);
        b.retention = retention(src);
        b.sessions = sessions(src);
        b.alerting = alerting(src);
        String keystore = src.get("tls.keystore");
        String cert = src.get("tls.cert");
        String key = src.get("tls.key");
        if (keystore != null || cert != null || key != null) {
            if (keystore == null && (cert == null || key == null)) {
                throw src.bad(cert == null ? "tls.cert" : "tls.key", "TLS needs tls.keystore, or both tls.cert and tls.key");
            }
            b.tls = new ServerConfig.Tls(keystore == null ? null : Path.of(keystore), src.getOr("tls.keystore-password", ""),
                    cert == null ? null : Path.of(cert), key == null ? null : Path.of(key));
            for (String k : new String[]{"tls.keystore", "tls.cert", "tls.key"}) {
                String p = src.get(k);
                if (p != null && !Files.isReadable(Path.of(p))) {
                    throw src.bad(k, "cannot read " + p);
                }
            }
        }
        return b.build();
    }

    private static ServerConfig.Retention retention(LayeredSettings src) {
        ServerConfig.Retention d = ServerConfig.Retention.DEFAULT;
        int reportDays = (int) src.number("retention.report-days", d.reportDays(), 1, 36_500);
        int rawDays = (int) src.number("retention.raw-days", Math.min(d.rawDays(), reportDays), 1, 36_500);
        // The dashboard's 90-day chart is replayed from the history: keep at least that much.
        int historyDays = (int) src.number("retention.history-days", d.historyDays(), 90, 36_500);
        if (rawDays > reportDays) {
            throw src.bad("retention.raw-days", "must not be longer than retention.report-days (" + reportDays
                    + "): a raw report goes with its report");
        }
        return new ServerConfig.Retention(reportDays, rawDays, historyDays);
    }

    private static ServerConfig.AlertSettings alerting(LayeredSettings src) {
        ServerConfig.AlertSettings d = ServerConfig.AlertSettings.DEFAULT;
        String publicUrl = src.get("collector.public-url");
        if (publicUrl != null) {
            try {
                URI u = new URI(publicUrl);
                if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                        || u.getQuery() != null || u.getFragment() != null) {
                    throw new URISyntaxException(publicUrl, "not an http(s) address");
                }
            } catch (URISyntaxException e) {
                throw src.bad("collector.public-url", "must be the dashboard's http:// or https:// address, like"
                        + " https://banwatch.example.org, not '" + publicUrl + "'");
            }
        }
        List<Integer> days = new ArrayList<>();
        String list = src.get("alerts.deadline-days");
        if (list == null) {
            days.addAll(d.deadlineDays());
        } else if (!list.equalsIgnoreCase("none")) {
            for (String part : list.split(",")) {
                try {
                    int n = Integer.parseInt(part.strip());
                    // At most the shortest alert retention, so a lead's alert is never deleted and made again.
                    if (n < 1 || n > 90) {
                        throw new NumberFormatException();
                    }
                    days.add(n);
                } catch (NumberFormatException e) {
                    throw src.bad("alerts.deadline-days", "must be days between 1 and 90 separated by commas (30,7)"
                            + " or none, not '" + list + "'");
                }
            }
        }
        return new ServerConfig.AlertSettings(publicUrl, src.bool("alerts.on-fixed", d.onFixed()),
                src.bool("alerts.on-stale", d.onStale()), days.stream().distinct().sorted().toList(),
                src.bool("alerts.digest", d.digest()), (int) src.number("alerts.digest-hour", d.digestHour(), 0, 23),
                email(src));
    }

    /** E-mail settings, or null when alerts.email.host is not set; host, from and to go together. */
    private static ServerConfig.Email email(LayeredSettings src) {
        String host = src.get("alerts.email.host");
        if (host == null) {
            for (String k : new String[]{"alerts.email.from", "alerts.email.to", "alerts.email.user",
                    "alerts.email.password-file"}) {
                if (src.get(k) != null) {
                    throw src.bad(k, "needs alerts.email.host (the SMTP server)");
                }
            }
            return null;
        }
        String from = src.get("alerts.email.from");
        String to = src.get("alerts.email.to");
        if (from == null || !from.contains("@")) {
            throw src.bad("alerts.email.from", "must be the sender's address (alerts.email.host is set)");
        }
        if (to == null) {
            throw src.bad("alerts.email.to", "must list the recipients, separated by commas (alerts.email.host is set)");
        }
        List<String> recipients = Arrays.stream(to.split(",")).map(String::strip)
                .filter(a -> !a.isEmpty()).toList();
        if (recipients.isEmpty() || recipients.stream().anyMatch(a -> !a.contains("@"))) {
            throw src.bad("alerts.email.to", "must be addresses separated by commas, not '" + to + "'");
        }
        String user = src.get("alerts.email.user");
        String passwordFile = src.get("alerts.email.password-file");
        if ((user == null) != (passwordFile == null)) {
            throw src.bad(user == null ? "alerts.email.password-file" : "alerts.email.user",
                    "goes with " + (user == null ? "alerts.email.user" : "alerts.email.password-file"));
        }
        if (passwordFile != null && !Files.isReadable(Path.of(passwordFile))) {
            throw src.bad("alerts.email.password-file", "cannot read " + passwordFile);
        }
        String trustStore = src.get("alerts.email.trust-store");
        if (trustStore != null && !Files.isReadable(Path.of(trustStore))) {
            throw src.bad("alerts.email.trust-store", "cannot read " + trustStore);
        }
        return new ServerConfig.Email(host, (int) src.number("alerts.email.port", 587, 1, 65535), from, recipients,
                user, passwordFile == null ? null : Path.of(passwordFile), src.bool("alerts.email.starttls", true),
                trustStore == null ? null : Path.of(trustStore), src.get("alerts.email.trust-store-password"));
    }

    private static ServerConfig.Sessions sessions(LayeredSettings src) {
        ServerConfig.Sessions d = ServerConfig.Sessions.DEFAULT;
        long maxHours = src.number("dashboard.session-max-hours", d.max().toHours(), 1, 720);
        long idleMinutes = src.number("dashboard.session-idle-minutes", d.idle().toMinutes(), 1, 1440);
        if (idleMinutes > maxHours * 60) {
            throw src.bad("dashboard.session-idle-minutes", "must not be longer than dashboard.session-max-hours ("
                    + maxHours * 60 + " minutes): a session ends then anyway");
        }
        return new ServerConfig.Sessions(Duration.ofMinutes(idleMinutes), Duration.ofHours(maxHours));
    }

    /** Where each key's value comes from: flags, then environment, then the file. */
}
