package io.banwatch.rules;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The form in which names are compared, so that invisible or look-alike characters cannot hide a
 * product: {@code "Kasper\u200Bsky"} (a zero-width space), {@code "K\u0430spersky"} (a Cyrillic a)
 * and {@code " KASPERSKY"} all compare as {@code "kaspersky"}.
 *
 * <p>A trace's value is put in NFKC form (full-width, ligature and styled letters become plain
 * ones), stripped of invisible characters (Unicode format characters such as zero-width spaces and
 * joiners, soft hyphens, bidirectional controls and byte order marks, and the other default-ignorable
 * ones: variation selectors, fillers), its whitespace trimmed and collapsed to single spaces,
 * lower-cased, and each Cyrillic or Greek letter that looks like a Latin one replaced by that
 * Latin letter. The literal characters of the packs' names, prefixes and patterns are folded the
 * same way, so {@code "касперск"} in a pattern becomes the same skeleton as the value
 * {@code "Касперский"}, and mixed-script spellings match too. The report keeps the raw names.
 *
 * <p>Most names are plain ASCII or Latin letters, which NFKC leaves alone and which have no
 * look-alike to fold: they are only lower-cased. Names in Cyrillic, Greek, Hebrew, Arabic, CJK,
 * Hangul or kana are folded without NFKC, which leaves those letters alone too. So
 * {@link Normalizer} (with its Unicode data) is loaded only for a name that holds something else,
 * such as a hidden character.
 */
final class MatchText {
    /**
     * Cyrillic and Greek letters (lower case) and the Latin letters they look like, pair by pair; for a
     * letter whose capital is the look-alike (Н, Η) the capital's Latin letter. ς is there because NFKC
     * turns the lunate sigma ϲ into it.
     */
    private static final String LOOK_ALIKES = "аеорсухѕіјԁһԛԝӏвкмнтαβγεζηικμνορτυχωϲςϳ";
    private static final String LATIN = "aeopcyxsijdhqwlbkmhtabyezhikmnoptyxwccj";
    /** The Latin-1 symbols NFKC changes (¨ ª ¯ ² ³ ´ µ ¸ ¹ º ¼ ½ ¾) and the invisible soft hyphen. */
    private static final String LATIN1_COMPATIBILITY = "\u00A8\u00AA\u00AD\u00AF\u00B2\u00B3\u00B4\u00B5\u00B8\u00B9"
            + "\u00BA\u00BC\u00BD\u00BE";

    private MatchText() {
    }

    /** A trace's value in the form signals compare; null stays null. */
    static String of(String value) {
        if (value == null) {
            return null;
        }
        // The usual names (ASCII and Latin letters) need only lower-casing: one check of the result.
        String lower = value.toLowerCase(Locale.ROOT);
        int n = lower.length();
        for (int i = 0; i < n; i++) {
            char c = lower.charAt(i);
            if (c > ' ' && c < 0x7F) {
                continue;
            }
            if (c == ' ' ? i == 0 || i == n - 1 || lower.charAt(i - 1) == ' ' : !plainLetter(c)) {
                return full(value);
            }
        }
        return lower;
    }

    /** The whole folding, with NFKC first unless the text is certainly in NFKC form already. */
    private static String full(String value) {
        return folded(isNfkc(value) ? value : Normalizer.normalize(value, Normalizer.Form.NFKC));
    }

    /** A name or prefix written in a pack, in the same form; the pack's text is taken as it is, without NFKC. */
    static String literal(String text) {
        return isPlain(text) ? text.toLowerCase(Locale.ROOT) : folded(text);
    }

    /**
     * A pattern with its literal non-ASCII letters folded like values, so it matches folded values.
     * Escaped characters and the ends of a character-class range are left as they are.
     */
    static String pattern(String regex) {
        if (isPlain(regex)) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length());
        boolean inClass = false;
        for (int i = 0; i < regex.length(); ) {
            int cp = regex.codePointAt(i);
            int next = i + Character.charCount(cp);
            if (cp == '\\' && next < regex.length()) {
                int escaped = regex.codePointAt(next);
                out.appendCodePoint(cp).appendCodePoint(escaped);
                i = next + Character.charCount(escaped);
                continue;
            }
            if (cp == '[') {
                inClass = true;
            } else if (cp == ']') {
                inClass = false;
            }
            boolean rangeEnd = inClass && ((i > 0 && regex.charAt(i - 1) == '-')
                    || (next < regex.length() && regex.charAt(next) == '-'));
            if (cp < 0x80 || rangeEnd) {
                out.appendCodePoint(cp);
            } else if (!ignorable(cp)) {
                out.appendCodePoint(fold(cp));
            }
            i = next;
        }
        return out.toString();
    }

    /**
     * True when the text needs nothing but lower-casing: printable ASCII and Latin-1 or Latin
     * Extended-A letters, with single spaces inside only. Those letters are their own NFKC form and
     * look like no other letter; the few of them that NFKC changes (Ĳ, ŀ, ŉ, ſ), the dotless ı and İ
     * (which lower-cases to two characters) are excluded.
     */
    static boolean isPlain(String text) {
        int n = text.length();
        if (n > 0 && (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ')) {
            return false;
        }
        char previous = 'x';
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            boolean ok = c == ' ' ? previous != ' ' : (c > ' ' && c < 0x7F) || plainLetter(c);
            if (!ok) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    /**
     * A Latin-1 or Latin Extended-A letter that NFKC leaves alone, that looks like no other letter and
     * that lower-cases to one character (İ becomes two).
     */
    private static boolean plainLetter(char c) {
        return c >= 0xC0 && c <= 0x17F && c != 0x130 && c != 0x131 && c != 0x132 && c != 0x133 && c != 0x13F
                && c != 0x140 && c != 0x149 && c != 0x17F;
    }

    /**
     * True when every character is one that NFKC certainly leaves alone, whatever stands next to it:
     * the plain ones, whitespace and control characters (folded as whitespace later), and the letters
     * of the scripts maintainers' and publishers' names are usually written in: Latin-1 punctuation
     * such as « », Cyrillic, Greek, Hebrew and Arabic letters, CJK ideographs, Hangul syllables, kana,
     * dashes and quotes. So a Russian, Arabic or Chinese name needs no {@link Normalizer} either;
     * anything else (combining marks, compatibility characters, invisible ones) goes through it.
     */
    static boolean isNfkc(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean stable = c < 0x7F
                    || (c >= 0xA1 && c <= 0xBF && LATIN1_COMPATIBILITY.indexOf(c) < 0)
                    || (c >= 0xC0 && c <= 0x17F && c != 0x132 && c != 0x133 && c != 0x13F && c != 0x140 && c != 0x149
                    && c != 0x17F)
                    || (c >= 0x386 && c <= 0x3CE && c != 0x387)          // Greek letters
                    || (c >= 0x400 && c <= 0x482) || (c >= 0x48A && c <= 0x4FF) // Cyrillic, less its combining marks
                    || (c >= 0x5D0 && c <= 0x5EA) || (c >= 0x620 && c <= 0x64A)  // Hebrew and Arabic letters
                    || (c >= 0x2010 && c <= 0x2022 && c != 0x2011 && c != 0x2017) // dashes, quotes, bullet
                    || (c >= 0x3041 && c <= 0x3096) || (c >= 0x30A1 && c <= 0x30FA) // kana
                    || (c >= 0x4E00 && c <= 0x9FFF)                      // CJK ideographs
                    || (c >= 0xAC00 && c <= 0xD7A3);                     // Hangul syllables
            if (!stable) {
                return false;
            }
        }
        return true;
    }

    /** Drops invisible characters, collapses whitespace, lower-cases and folds look-alikes. */
    private static String folded(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (ignorable(cp)) {
                continue;
            }
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.getType(cp) == Character.CONTROL) {
                space = out.length() > 0;
                continue;
            }
            if (space) {
                out.append(' ');
                space = false;
            }
            String lower = new String(Character.toChars(cp)).toLowerCase(Locale.ROOT);
            for (int j = 0; j < lower.length(); ) {
                int l = lower.codePointAt(j);
                j += Character.charCount(l);
                out.appendCodePoint(fold(l));
            }
        }
        return out.toString();
    }

    /** Invisible in text: format characters (Cf) and the other default-ignorable code points. */
    private static boolean ignorable(int cp) {
        return Character.getType(cp) == Character.FORMAT
                || cp == 0x034F                                  // combining grapheme joiner
                || (cp >= 0xFE00 && cp <= 0xFE0F)                // variation selectors
                || (cp >= 0xE0100 && cp <= 0xE01EF)
                || (cp >= 0x180B && cp <= 0x180F)                // Mongolian variation selectors
                || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0   // Hangul fillers
                || cp == 0x17B4 || cp == 0x17B5;                 // Khmer inherent vowels
    }

    /** The Latin letter a lower-case Cyrillic or Greek letter looks like, else the letter itself. */
    private static int fold(int cp) {
        int at = cp < 0x370 ? -1 : LOOK_ALIKES.indexOf(cp);
        return at < 0 ? (cp == 'ı' ? 'i' : cp) : LATIN.charAt(at);
    }
}
