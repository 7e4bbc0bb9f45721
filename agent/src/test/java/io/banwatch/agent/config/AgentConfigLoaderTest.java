package io.banwatch.agent.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

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

    /** Each bad value, as "key = value | the error after its origin", whether it comes from the file, the environment or --set. */
    private static final String[] BAD_VALUES = {
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
    };

    static Stream<Arguments> badValues() {
        return Stream.of(BAD_VALUES).map(row -> {
            int bar = row.indexOf(" | ");
            String[] kv = row.substring(0, bar).split(" = ", 2);
            return Arguments.of(kv[0], kv[1], row.substring(bar + 3));
        });
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachBadValueIsOneErrorNamingTheKeyAndFile(String key, String value, String message) throws IOException {
        assertBad(key + " = " + value + "\n", message);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachBadValueIsTheSameErrorFromTheEnvironmentNamingTheVariable(String key, String value, String message) {
        String variable = "BANWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        assertThatThrownBy(() -> AgentConfigLoader.load(paths(dir.resolve("absent.conf")), Map.of(variable, value),
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("environment variable " + variable + ": " + message);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @MethodSource("badValues")
    void eachBadValueIsTheSameErrorFromSetNamingIt(String key, String value, String message) {
        assertThatThrownBy(() -> AgentConfigLoader.load(paths(dir.resolve("absent.conf")), Map.of(),
                new AgentConfigLoader.Overrides().set(List.of(key + "=" + value))))
                .isInstanceOf(ConfigException.class).hasMessage("--set: " + message);
    }

    private static final String UNKNOWN_KEY = "unknown key 'colector.url' (known keys: collector.url, enrollment.secret, log.level, profile, proxy, schedule.window-minutes, spool.max-bytes, spool.max-reports, tls.ca-file, tls.pin-sha256)";

    @Test
    void anUnknownKeyIsOneErrorInTheFileAndInSet() throws IOException {
        assertBad("colector.url = https://typo.example\n", UNKNOWN_KEY);
        assertThatThrownBy(() -> new AgentConfigLoader.Overrides().set(List.of("colector.url=https://typo.example")))
                .isInstanceOf(ConfigException.class).hasMessage("--set: " + UNKNOWN_KEY);
    }

    @Test
    void setNeedsKeyEqualsValueAndEachKeyOnce() {
        assertThatThrownBy(() -> new AgentConfigLoader.Overrides().set(List.of("log.level")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set: 'log.level' is not KEY=VALUE (e.g. --set log.level=debug)");
        assertThatThrownBy(() -> new AgentConfigLoader.Overrides().set(List.of("=debug")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--set: '=debug' is not KEY=VALUE");
        assertThatThrownBy(() -> new AgentConfigLoader.Overrides().set(List.of("log.level=debug", "log.level=info")))
                .isInstanceOf(ConfigException.class).hasMessage("--set: log.level is given twice; give it once");
        assertThatThrownBy(() -> new AgentConfigLoader.Overrides().put("collector.url", "https://a.example", "--collector")
                .set(List.of("collector.url=https://b.example")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("--set: collector.url is also given by --collector; give it once");
    }

    @Test
    void setWinsOverTheEnvironmentWhichWinsOverTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("agent.conf"), "profile = us-federal\nspool.max-reports = 10\n"
                + "log.level = warn\nproxy = file-proxy:3128\n");
        Map<String, String> env = Map.of("BANWATCH_PROFILE", "us-federal-contractor", "BANWATCH_SPOOL_MAX_REPORTS", "20",
                "BANWATCH_LOG_LEVEL", "error");
        AgentConfig c = AgentConfigLoader.load(paths(f), env, new AgentConfigLoader.Overrides()
                .set(List.of("profile=us-private", "spool.max-reports=30")));
        assertThat(c.profile()).isEqualTo("us-private");
        assertThat(c.spoolMaxReports()).isEqualTo(30);
        assertThat(c.logLevel()).as("environment over file").isEqualTo("error");
        assertThat(c.proxy().getHostString()).as("the file alone").isEqualTo("file-proxy");
        assertThat(c.scheduleWindowMinutes()).as("default").isEqualTo(240);
        // A value may hold '=' itself.
        AgentConfig url = AgentConfigLoader.load(paths(f), env, new AgentConfigLoader.Overrides()
                .set(List.of("collector.url=https://c.example/x?a=b")));
        assertThat(url.collectorUrl()).hasToString("https://c.example/x?a=b");
    }
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
