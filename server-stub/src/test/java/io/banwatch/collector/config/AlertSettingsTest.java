package io.banwatch.collector.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The lifecycle alerts' settings: defaults, e-mail, and one-line errors naming the key. */
class AlertSettingsTest {
    @TempDir
    Path dir;

    private static ServerConfig load(Map<String, String> flags) {
        return ServerConfigLoader.load(null, Map.of(), flags);
    }

    @Test
    void defaultsAlertFixedStaleAndDeadlinesThirtyAndSevenDaysAheadWithoutDigestLinkOrMail() {
        assertThat(load(Map.of()).alerting()).isEqualTo(new ServerConfig.AlertSettings(null, true, true, List.of(7, 30),
                false, 7, null));
        assertThat(ServerConfig.defaults(dir).alerting()).isEqualTo(ServerConfig.AlertSettings.DEFAULT);
    }

    @Test
    void readsEverySetting() throws Exception {
        Path password = Files.writeString(dir.resolve("smtp-password"), "s3cret\n");
        Path file = Files.writeString(dir.resolve("collector.properties"), String.join("\n",
                "collector.public-url=https://banwatch.example.org/",
                "alerts.on-fixed=false", "alerts.on-stale=no", "alerts.deadline-days=1, 14,14", "alerts.digest=true",
                "alerts.digest-hour=6", "alerts.email.host=smtp.example.org", "alerts.email.from=banwatch@example.org",
                "alerts.email.to=officer@example.org, soc@example.org", "alerts.email.user=banwatch",
                "alerts.email.password-file=" + password) + "\n");
        ServerConfig.AlertSettings a = ServerConfigLoader.load(file, Map.of(), Map.of()).alerting();
        assertThat(a).isEqualTo(new ServerConfig.AlertSettings("https://banwatch.example.org/", false, false,
                List.of(1, 14), true, 6, new ServerConfig.Email("smtp.example.org", 587, "banwatch@example.org",
                List.of("officer@example.org", "soc@example.org"), "banwatch", password, true, null, null)));
        assertThat(load(Map.of("alerts.deadline-days", "none")).alerting().deadlineDays()).isEmpty();
    }

    @Test
    void anEnvironmentValueIsNamedByItsVariableAsTheAgentNamesIt() {
        assertThatThrownBy(() -> ServerConfigLoader.load(null, Map.of("BANWATCH_SERVER_ALERTS_ON_FIXED", "sometimes"),
                Map.of())).isInstanceOf(ServerConfigLoader.ConfigException.class)
                .hasMessage("environment variable BANWATCH_SERVER_ALERTS_ON_FIXED: alerts.on-fixed must be true or false,"
                        + " not 'sometimes'");
    }

    @Test
    void refusesSettingsThatCannotWorkInOneLineNamingTheKey() {
        assertThatThrownBy(() -> load(Map.of("collector.public-url", "banwatch.example.org")))
                .hasMessage("command line: collector.public-url must be the dashboard's http:// or https:// address,"
                        + " like https://banwatch.example.org, not 'banwatch.example.org'");
        assertThatThrownBy(() -> load(Map.of("alerts.deadline-days", "30,soon")))
                .hasMessage("command line: alerts.deadline-days must be days between 1 and 90 separated by commas"
                        + " (30,7) or none, not '30,soon'");
        assertThatThrownBy(() -> load(Map.of("alerts.email.to", "officer@example.org")))
                .hasMessage("command line: alerts.email.to needs alerts.email.host (the SMTP server)");
        assertThatThrownBy(() -> load(Map.of("alerts.email.host", "smtp.example.org", "alerts.email.to", "x@example.org",
                "alerts.email.from", "banwatch")))
                .hasMessage("command line: alerts.email.from must be the sender's address (alerts.email.host is set)");
        Map<String, String> noPassword = new HashMap<>(Map.of("alerts.email.host", "smtp.example.org",
                "alerts.email.from", "b@example.org", "alerts.email.to", "x@example.org", "alerts.email.user", "b"));
        assertThatThrownBy(() -> load(noPassword))
                .hasMessage("command line: alerts.email.user goes with alerts.email.password-file");
        noPassword.put("alerts.email.password-file", dir.resolve("missing").toString());
        assertThatThrownBy(() -> load(noPassword))
                .hasMessage("command line: alerts.email.password-file cannot read " + dir.resolve("missing"));
    }
}
