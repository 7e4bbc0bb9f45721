package io.banwatch.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class MatchTextTest {
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "Kasper\u200Bsky            | kaspersky",
            "K\u0430spersky             | kaspersky",
            "\uFF2B\uFF21\uFF36          | kav",
            "\uD835\uDC0A\uD835\uDC00\uD835\uDC15 | kav",
            "Антивирус Касперского     | ahtиbиpyc kacпepckoгo",
            "ΚΑΣ                       | kaσ",
            "Plain ASCII Name 1.2      | plain ascii name 1.2",
            "Jérémy Bobbio, Ondřej Surý | jérémy bobbio, ondřej surý",
    })
    void foldsValuesToOneComparableForm(String value, String folded) {
        assertThat(MatchText.of(value)).isEqualTo(folded);
    }

    @Test
    void dropsInvisibleCharactersAndTrimsAndCollapsesWhitespace() {
        assertThat(MatchText.of("\u202E\uFEFF  KASPERSKY \t\u3000Lab\n")).isEqualTo("kaspersky lab");
        assertThat(MatchText.of("Kas\u034Fper\uFE0Fsky\u180E")).isEqualTo("kaspersky");
    }

    @Test
    void eachLookAlikeBecomesTheLatinLetterItLooksLike() {
        assertThat(MatchText.of("аеорсухѕіјԁһԛԝӏвкмнт")).isEqualTo("aeopcyxsijdhqwlbkmht");
        assertThat(MatchText.of("АЕОРСУХЅІЈВКМНТ")).isEqualTo("aeopcyxsijbkmht");
        assertThat(MatchText.of("αβγεζηικμνορτυχωϲςϳ")).isEqualTo("abyezhikmnoptyxwccj");
        assertThat(MatchText.of("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")).isEqualTo("abezhikmnoptyx");
        assertThat(MatchText.of("kıcs")).isEqualTo("kics");
    }

    /**
     * The fast path (lower-casing only) must give what the full folding gives. A leading Cyrillic
     * а forces the full path; it folds to "a", so both texts must end up equal.
     */
    @Test
    void theFastPathAgreesWithTheFullFoldingForEveryCharacterItAccepts() {
        int fast = 0;
        for (char c = 0x21; c <= 0x17F; c++) {
            String plain = "a" + c + "b";
            if (!MatchText.isPlain(plain)) {
                continue;
            }
            fast++;
            assertThat(Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFKC)).as("U+%04X", (int) c)
                    .isEqualTo(String.valueOf(c));
            assertThat(MatchText.of(plain)).as("U+%04X", (int) c).isEqualTo(MatchText.of("\u0430" + c + "b"));
        }
        // Printable ASCII and the Latin-1 and Latin Extended-A letters, less the eight NFKC, folding or casing changes.
        assertThat(fast).isEqualTo(0x7E - 0x21 + 1 + 0x17F - 0xC0 + 1 - 8);
    }

    /**
     * The characters folded without NFKC must be ones NFKC leaves alone, also next to another letter
     * (no composition with what precedes or follows).
     */
    @Test
    void whatIsFoldedWithoutNfkcIsAlreadyInNfkcForm() {
        int stable = 0;
        for (char c = 0; c < 0xFFFF; c++) {
            if (Character.isSurrogate(c) || !MatchText.isNfkc(String.valueOf(c))) {
                continue;
            }
            stable++;
            for (String base : new String[]{"a", "е", "α", "陳", "한", "カ", "ا", "א"}) {
                for (String text : new String[]{base + c, c + base, String.valueOf(c)}) {
                    assertThat(Normalizer.normalize(text, Normalizer.Form.NFKC)).as("U+%04X", (int) c).isEqualTo(text);
                }
            }
        }
        assertThat(stable).isGreaterThan(20_000);
        // A Russian publisher and a Chinese maintainer: no NFKC needed, and folded like any other name.
        assertThat(MatchText.isNfkc("АО «Лаборатория Касперского»")).isTrue();
        assertThat(MatchText.isNfkc("ChangZhuo Chen (陳昌倬) <czchen@debian.org>")).isTrue();
        assertThat(MatchText.of("АО «Лаборатория Касперского»")).isEqualTo("ao «лaбopatopия kacпepckoгo»");
        assertThat(MatchText.isNfkc("Kasper\u200Bsky")).isFalse();
        assertThat(MatchText.isNfkc("e\u0301")).isFalse();
        assertThat(MatchText.isNfkc("\uFF2Bav")).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiterString = " => ", value = {
            "^(антивирус касперского|kaspersky антивирус) => ^(ahtиbиpyc kacпepckoгo|kaspersky ahtиbиpyc)",
            "\\bkaspersky|касперск => \\bkaspersky|kacпepck",
            "^kaspersky (for|для) windows => ^kaspersky (for|для) windows",
            "[а-я]+ => [а-я]+",
            "[ас]x => [ac]x",
            "^\\кas => ^\\кas",
            "^avp\\d => ^avp\\d",
    })
    void foldsOnlyTheLiteralLettersOfAPattern(String regex, String folded) {
        assertThat(MatchText.pattern(regex)).isEqualTo(folded);
    }

    @Test
    void namesInAPackAreFoldedWithoutNfkc() {
        assertThat(MatchText.literal(" AVP.KES ")).isEqualTo("avp.kes");
        assertThat(MatchText.literal("Касперский")).isEqualTo("kacпepckий");
        assertThat(MatchText.literal("C:\\Program Files (x86)\\Kaspersky Lab")).isEqualTo("c:\\program files (x86)\\kaspersky lab");
    }
}
