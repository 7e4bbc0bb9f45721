package io.banwatch.collector.config;

import io.banwatch.collector.db.Database;

import java.util.regex.Pattern;

/**
 * The {@code banwatch-server token create} command that reaches a collector's own database, for
 * the sign-in page: run without flags, the command looks in {@code ./data} of wherever it is run,
 * which is rarely where the service keeps its data.
 */
public final class TokenCommand {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private TokenCommand() {
    }

    /**
     * SQLite: {@code --data} with the data directory in use (a flag wins over the settings file).
     * PostgreSQL: {@code --config} with the settings file the collector read, or else
     * {@code --database-url} with its URL (never a password: the user and password then come from
     * the same environment as the collector's).
     */
    public static String viewer(ServerConfig config) {
        String where;
        if (config.databaseUrl() == null || config.databaseUrl().isBlank()) {
            where = "--data " + quote(config.dataDir().toAbsolutePath().normalize().toString());
        } else if (config.configFile() != null) {
            where = "--config " + quote(config.configFile().toString());
        } else {
            where = "--database-url " + quote(Database.redact(config.databaseUrl()));
        }
        return "banwatch-server token create " + where + " --role viewer --name <who>";
    }

    /** A shell word: as it is when that is safe, else in single quotes. */
    static String quote(String word) {
        return PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
