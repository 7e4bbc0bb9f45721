package io.banwatch.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AgentConfigLoaderTest {
    @TempDir
    Path dir;

    private AgentPaths paths(Path config) {
        return new AgentPaths(config, dir.resolve("state"), dir.resolve("logs"));
    }

    private AgentConfig load(String content) throws IOException {
        Path f = Files.writeString(dir.resolve("agent.conf"), content);
        return AgentConfigLoader.load(paths(f), Map.of(), Map.of());
    }

    private void assertBad(String content, String message) throws IOException {
        Path f = Files.writeString(dir.resolve("agent.conf"), content);
        assertThatThrownBy(() -> AgentConfigLoader.load(paths(f), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(f + ": " + message);
    }

    @Test
    void readsEveryKey() throws IOException {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n");
        AgentConfig c = load("""
                collector.url = https://collector.example.org:8443/
                enrollment.secret = s3cret-s3cret-s3cret
                profile = us-federal
                proxy = http://proxy.example.org:3128
                tls.ca-file = %s
                tls.pin-sha256 = sha256/47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=, 47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=
                spool.max-reports = 50
                spool.max-bytes = 10485760
                log.level = DEBUG
                schedule.window-minutes = 60
                """.formatted(ca));
        assertThat(c.collectorUrl()).hasToString("https://collector.example.org:8443");
        assertThat(c.enrollmentSecret()).isEqualTo("s3cret-s3cret-s3cret");
        assertThat(c.profile()).isEqualTo("us-federal");
        assertThat(c.proxy().getHostString()).isEqualTo("proxy.example.org");
        assertThat(c.proxy().getPort()).isEqualTo(3128);
        assertThat(c.caFile()).isEqualTo(ca);
        assertThat(c.pinsSha256()).hasSize(2);
        assertThat(c.spoolMaxReports()).isEqualTo(50);
        assertThat(c.spoolMaxBytes()).isEqualTo(10485760L);
        assertThat(c.logLevel()).isEqualTo("debug");
        assertThat(c.scheduleWindowMinutes()).isEqualTo(60);
    }

    @Test
    void aMissingDefaultFileMeansDefaults() {
        AgentConfig c = AgentConfigLoader.load(paths(dir.resolve("absent.conf")), Map.of(), Map.of());
        assertThat(c.collectorUrl()).isNull();
        assertThat(c.profile()).isEqualTo("us-private");
        assertThat(c.spoolMaxReports()).isEqualTo(500);
    }

    @Test
    void aMissingFileNamedExplicitlyIsAnError() {
        Path f = dir.resolve("absent.conf");
        assertThatThrownBy(() -> AgentConfigLoader.load(paths(f), Map.of("BANWATCH_CONFIG", f.toString()), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessage(f + ": no such file");
    }

    @Test
    void environmentOverridesTheFileAndFlagsOverrideBoth() throws IOException {
        Path f = Files.writeString(dir.resolve("agent.conf"), "profile = us-private\ncollector.url = https://a.example\n");
        AgentConfig c = AgentConfigLoader.load(paths(f), Map.of("BANWATCH_PROFILE", "us-federal",
                "BANWATCH_COLLECTOR_URL", "https://b.example"), Map.of("collector.url", "https://c.example"));
        assertThat(c.profile()).isEqualTo("us-federal");
        assertThat(c.collectorUrl()).hasToString("https://c.example");
    }

    @Test
    void anErrorFromTheEnvironmentNamesTheVariable() {
        assertThatThrownBy(() -> AgentConfigLoader.load(paths(dir.resolve("absent.conf")),
                Map.of("BANWATCH_SPOOL_MAX_REPORTS", "lots"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("environment variable BANWATCH_SPOOL_MAX_REPORTS: spool.max-reports must be a whole number, not 'lots'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "collector.url = ftp://collector.example | collector.url must be an http:// or https:// URL with a host, not 'ftp://collector.example'",
            "collector.url = https:// bad host | collector.url is not a URL: Illegal character in authority at index 8: https:// bad host",
            "collector.url = collector.example | collector.url must be an http:// or https:// URL with a host, not 'collector.example'",
            "proxy = proxy.example.org | proxy must be host:port or http://host:port, not 'proxy.example.org'",
            "tls.pin-sha256 = not*base64 | tls.pin-sha256 'not*base64' is not base64",
            "tls.pin-sha256 = AAAA | tls.pin-sha256 'AAAA' is not a SHA-256 (32 bytes)",
            "spool.max-reports = many | spool.max-reports must be a whole number, not 'many'",
            "spool.max-reports = 0 | spool.max-reports must be between 1 and 100000, not 0",
            "spool.max-bytes = 12 | spool.max-bytes must be between 1048576 and 1099511627776, not 12",
            "log.level = loud | log.level must be error, warn, info or debug, not 'loud'",
            "schedule.window-minutes = -5 | schedule.window-minutes must be between 0 and 1440, not -5",
            "profile = eu-private | profile must be us-federal, us-federal-contractor or us-private, not 'eu-private'",
            "profile = US-Federal | profile must be us-federal, us-federal-contractor or us-private, not 'US-Federal'",
            "enrollment.secret = short | enrollment.secret must be at least 16 characters (the collector's minimum), not 5",
            "colector.url = https://typo.example | unknown key 'colector.url' (known keys: collector.url, enrollment.secret, log.level, profile, proxy, schedule.window-minutes, spool.max-bytes, spool.max-reports, tls.ca-file, tls.pin-sha256)",
    })
    void eachBadValueIsOneErrorNamingTheKeyAndFile(String line, String message) throws IOException {
        assertBad(line + "\n", message);
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "BANWATCH_PROFILE | us-fed | profile must be us-federal, us-federal-contractor or us-private, not 'us-fed'",
            "BANWATCH_ENROLLMENT_SECRET | 123456789012345 | enrollment.secret must be at least 16 characters (the collector's minimum), not 15",
    })
    void aBadProfileOrSecretFromTheEnvironmentNamesTheVariable(String variable, String value, String message) {
        assertThatThrownBy(() -> AgentConfigLoader.load(paths(dir.resolve("absent.conf")), Map.of(variable, value),
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("environment variable " + variable + ": " + message);
    }

    @Test
    void theSecretIsNeverEchoedInItsError() throws IOException {
        Path f = Files.writeString(dir.resolve("agent.conf"), "enrollment.secret = hunter2-abc\n");
        assertThatThrownBy(() -> AgentConfigLoader.load(paths(f), Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class).message().doesNotContain("hunter2");
    }

    @Test
    void aBlankSecretIsNotSetAsInTheShippedTemplate() throws IOException {
        assertThat(load("enrollment.secret =\nprofile = us-federal\n").enrollmentSecret()).isNull();
        assertThat(load("enrollment.secret = 0123456789abcdef\n").enrollmentSecret()).isEqualTo("0123456789abcdef");
    }

    @Test
    void everyBuiltInProfileIsAcceptedAndTheListMatchesTheSeeds() throws IOException {
        assertThat(AgentConfig.PROFILES).isEqualTo(io.banwatch.rules.RuleSet.builtIn().profiles());
        for (String profile : AgentConfig.PROFILES) {
            assertThat(load("profile = " + profile + "\n").profile()).isEqualTo(profile);
        }
    }

    @Test
    void anUnreadableCaFileIsNamed() throws IOException {
        assertBad("tls.ca-file = " + dir.resolve("nope.pem") + "\n", "tls.ca-file cannot read " + dir.resolve("nope.pem"));
    }
}
