package io.banwatch.collector.config;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database and retention settings: defaults, limits, and errors that name the key. */
class DatabaseSettingsTest {
    private static ServerConfig load(Map<String, String> flags) {
        return ServerConfigLoader.load(null, Map.of(), flags);
    }

    @Test
    void defaultsToSqliteWithDocumentedRetention() {
        ServerConfig c = load(Map.of());
        assertThat(c.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith("banwatch.db");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.retention()).isEqualTo(new ServerConfig.Retention(30, 7, 365));
    }

    @Test
    void readsPostgresAndRetentionSettingsFromTheEnvironmentToo() {
        ServerConfig c = ServerConfigLoader.load(null, Map.of("BANWATCH_SERVER_DATABASE_URL", "jdbc:postgresql://db/banwatch",
                "BANWATCH_SERVER_DATABASE_PASSWORD", "pw", "BANWATCH_SERVER_RETENTION_REPORT_DAYS", "90"),
                Map.of("database.connect-timeout-seconds", "3", "database.query-timeout-seconds", "120", "retention.raw-days", "14", "retention.history-days", "730"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db/banwatch");
        assertThat(c.databasePassword()).isEqualTo("pw");
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.queryTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(c.retention()).isEqualTo(new ServerConfig.Retention(90, 14, 730));
    }

    @Test
    void aShortReportRetentionShortensTheDefaultRawRetention() {
        assertThat(load(Map.of("retention.report-days", "3")).retention()).isEqualTo(new ServerConfig.Retention(3, 3, 365));
    }

    @Test
    void refusesRetentionThatContradictsItself() {
        assertThatThrownBy(() -> load(Map.of("retention.report-days", "10", "retention.raw-days", "20")))
                .hasMessage("command line: retention.raw-days must not be longer than retention.report-days (10):"
                        + " a raw report goes with its report");
        assertThatThrownBy(() -> load(Map.of("retention.history-days", "30")))
                .hasMessage("command line: retention.history-days must be between 90 and 36500, not 30");
        assertThatThrownBy(() -> load(Map.of("database.connect-timeout-seconds", "0")))
                .hasMessage("command line: database.connect-timeout-seconds must be between 1 and 300, not 0");
        assertThatThrownBy(() -> load(Map.of("database.query-timeout-seconds", "0")))
                .hasMessage("command line: database.query-timeout-seconds must be between 1 and 3600, not 0");
    }
}
