package io.banwatch.collector.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How long a dashboard sign-in lasts: defaults, the three sources, and one-line errors naming the key. */
class SessionSettingsTest {
    @TempDir
    Path dir;

    private static ServerConfig load(Map<String, String> flags) {
        return ServerConfigLoader.load(null, Map.of(), flags);
    }

    @Test
    void defaultsToThirtyMinutesIdleAndEightHoursAtMost() {
        assertThat(load(Map.of()).sessions()).isEqualTo(new ServerConfig.Sessions(Duration.ofMinutes(30),
                Duration.ofHours(8)));
        assertThat(ServerConfig.defaults(dir).sessions()).isEqualTo(ServerConfig.Sessions.DEFAULT);
    }

    @Test
    void readsTheFileTheEnvironmentAndFlags() throws Exception {
        Path file = Files.writeString(dir.resolve("collector.properties"),
                "dashboard.session-idle-minutes=15\ndashboard.session-max-hours=2\n");
        assertThat(ServerConfigLoader.load(file, Map.of(), Map.of()).sessions())
                .isEqualTo(new ServerConfig.Sessions(Duration.ofMinutes(15), Duration.ofHours(2)));
        assertThat(ServerConfigLoader.load(file, Map.of("BANWATCH_SERVER_DASHBOARD_SESSION_IDLE_MINUTES", "60"),
                Map.of("dashboard.session-max-hours", "12")).sessions())
                .isEqualTo(new ServerConfig.Sessions(Duration.ofMinutes(60), Duration.ofHours(12)));
    }

    @Test
    void refusesValuesThatMakeNoSenseInOneLineNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("dashboard.session-idle-minutes", "half an hour")))
                .hasMessage("command line: dashboard.session-idle-minutes must be a whole number, not 'half an hour'");
        assertThatThrownBy(() -> load(Map.of("dashboard.session-idle-minutes", "0")))
                .hasMessage("command line: dashboard.session-idle-minutes must be between 1 and 1440, not 0");
        assertThatThrownBy(() -> load(Map.of("dashboard.session-max-hours", "721")))
                .hasMessage("command line: dashboard.session-max-hours must be between 1 and 720, not 721");
        assertThatThrownBy(() -> load(Map.of("dashboard.session-idle-minutes", "120", "dashboard.session-max-hours", "1")))
                .hasMessage("command line: dashboard.session-idle-minutes must not be longer than"
                        + " dashboard.session-max-hours (60 minutes): a session ends then anyway");
    }
}
