package io.banwatch.settings;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The layers the agent and the collector share: flag over environment over file, and errors that say where a value came from. */
class LayeredSettingsTest {
    static final class BadSetting extends RuntimeException {
        BadSetting(String message) {
            super(message);
        }
    }

    private static LayeredSettings settings(String prefix, Map<String, String> file, Map<String, String> env,
                                            Map<String, String> flags) {
        Properties p = new Properties();
        p.putAll(file);
        return new LayeredSettings(prefix, p, "/etc/x.conf", env, flags, key -> "--" + key, BadSetting::new);
    }

    @Test
    void aFlagWinsOverTheEnvironmentWhichWinsOverTheFile() {
        Map<String, String> file = Map.of("a", "file", "b", "file", "c", "file");
        Map<String, String> env = Map.of("BANWATCH_A", "env", "BANWATCH_B", "env");
        LayeredSettings s = settings("BANWATCH_", file, env, Map.of("a", "flag"));
        assertThat(s.get("a")).isEqualTo("flag");
        assertThat(s.get("b")).isEqualTo("env");
        assertThat(s.get("c")).isEqualTo("file");
        assertThat(s.get("d")).isNull();
        assertThat(s.getOr("d", "default")).isEqualTo("default");
    }

    @Test
    void aBlankValueIsUnsetAndValuesAreStripped() {
        LayeredSettings s = settings("BANWATCH_", Map.of("a", "  x  ", "b", "   "), Map.of(), Map.of());
        assertThat(s.get("a")).isEqualTo("x");
        assertThat(s.getOr("b", "default")).isEqualTo("default");
    }

    @Test
    void eachSideHasItsOwnEnvironmentPrefix() {
        assertThat(settings("BANWATCH_", Map.of(), Map.of(), Map.of()).envName("spool.max-reports"))
                .isEqualTo("BANWATCH_SPOOL_MAX_REPORTS");
        LayeredSettings server = settings("BANWATCH_SERVER_", Map.of(), Map.of("BANWATCH_SERVER_DATA_DIR", "/srv",
                "BANWATCH_DATA_DIR", "/agent"), Map.of());
        assertThat(server.get("data.dir")).isEqualTo("/srv");
    }

    @Test
    void numbersAreWholeAndWithinBoundsAndTheErrorNamesTheLayer() {
        LayeredSettings s = settings("BANWATCH_", Map.of("n", "7", "big", "99"), Map.of("BANWATCH_WORD", "lots"),
                Map.of("neg", "-1"));
        assertThat(s.number("n", 1, 1, 10)).isEqualTo(7);
        assertThat(s.number("unset", 3, 1, 10)).isEqualTo(3);
        assertThatThrownBy(() -> s.number("word", 1, 1, 10)).isInstanceOf(BadSetting.class)
                .hasMessage("environment variable BANWATCH_WORD: word must be a whole number, not 'lots'");
        assertThatThrownBy(() -> s.number("big", 1, 1, 10))
                .hasMessage("/etc/x.conf: big must be between 1 and 10, not 99");
        assertThatThrownBy(() -> s.number("neg", 1, 1, 10))
                .hasMessage("--neg: neg must be between 1 and 10, not -1");
    }

    @Test
    void booleansTakeTheUsualWordsInAnyCase() {
        LayeredSettings s = settings("BANWATCH_", Map.of("t1", "TRUE", "t2", "yes", "t3", "On", "t4", "1",
                "f1", "false", "f2", "NO", "f3", "off", "f4", "0", "bad", "maybe"), Map.of(), Map.of());
        for (String k : new String[] {"t1", "t2", "t3", "t4"}) {
            assertThat(s.bool(k, false)).as(k).isTrue();
        }
        for (String k : new String[] {"f1", "f2", "f3", "f4"}) {
            assertThat(s.bool(k, true)).as(k).isFalse();
        }
        assertThat(s.bool("unset", true)).isTrue();
        assertThatThrownBy(() -> s.bool("bad", false)).isInstanceOf(BadSetting.class)
                .hasMessage("/etc/x.conf: bad must be true or false, not 'maybe'");
    }
}
