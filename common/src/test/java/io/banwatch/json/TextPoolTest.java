package io.banwatch.json;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextPoolTest {
    private static String through(TextPool pool, String text) {
        char[] padded = ("<<" + text + ">>").toCharArray();
        return pool.text(padded, 2, text.length());
    }

    @Test
    void equalTextsComeBackAsOneInstance() {
        TextPool pool = new TextPool(8);
        String first = through(pool, "libxml2");
        String second = through(pool, "libxml2");
        assertThat(second).isEqualTo("libxml2").isSameAs(first);
    }

    @Test
    void aPoolOfNoSlotsKeepsNothing() {
        TextPool pool = new TextPool(0);
        assertThat(through(pool, "bash")).isEqualTo("bash").isNotSameAs(through(pool, "bash"));
    }

    @Test
    void longTextsAreNotPooled() {
        TextPool pool = new TextPool(8);
        String path = "/opt/" + "x".repeat(200);
        assertThat(through(pool, path)).isEqualTo(path).isNotSameAs(through(pool, path));
    }

    @Test
    void collisionsCostACopyNeverAWrongText() {
        TextPool tiny = new TextPool(2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String text = "pkg-" + (i % 97) + "-" + (i % 13);
            assertThat(through(tiny, text)).isEqualTo(text);
            seen.add(text);
        }
        assertThat(seen).hasSize(97 * 13);
        assertThat(through(tiny, "")).isEmpty();
        TextPool pool = new TextPool(8);
        for (int round = 0; round < 3; round++) {
            // Same length, same first and last eight characters: the same slot, told apart by content.
            assertThat(through(pool, "/usr/lib/x-one/share/doc")).isEqualTo("/usr/lib/x-one/share/doc");
            assertThat(through(pool, "/usr/lib/x-two/share/doc")).isEqualTo("/usr/lib/x-two/share/doc");
        }
        assertThat(through(tiny, "Лаборатория Касперского")).isEqualTo("Лаборатория Касперского");
    }

    @Test
    void refusesASizeItCannotHold() {
        assertThatThrownBy(() -> new TextPool(25)).hasMessage("bits must be 0 to 24, not 25");
        assertThatThrownBy(() -> new TextPool(-1)).hasMessage("bits must be 0 to 24, not -1");
    }
}
