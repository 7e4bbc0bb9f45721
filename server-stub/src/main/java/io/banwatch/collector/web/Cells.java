package io.banwatch.collector.web;

import io.banwatch.model.Verdict;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** The small pieces pages put in their cells: values or a dash, times, level badges, links. */
final class Cells {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Cells() {
    }

    /** A value, or a muted dash when there is none. */
    static void cell(HtmlWriter h, Object value) {
        if (value == null || value.toString().isBlank()) {
            h.raw("<span class=\"muted\">&mdash;</span>");
        } else {
            h.text(value);
        }
    }

    /** An instant as "2026-11-24 10:00 UTC" (the exact value in the datetime attribute); anything else as it is. */
    static void when(HtmlWriter h, String iso) {
        if (iso == null || iso.isBlank()) {
            cell(h, null);
            return;
        }
        try {
            String shown = WHEN.format(Instant.parse(iso));
            h.raw("<time datetime=\"").text(iso).raw("\">").text(shown).raw("</time>");
        } catch (DateTimeParseException e) {
            h.text(iso);
        }
    }

    /** A verdict or level as a coloured badge; none is CLEAN. */
    static void badge(HtmlWriter h, String level) {
        String l = level == null ? Verdict.CLEAN.name() : level;
        h.raw("<span class=\"badge ").text(l).raw("\">").text(l).raw("</span>");
    }

    static void link(HtmlWriter h, String url, String text) {
        // Only web links become links: a rule pack could carry a javascript: URL.
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            h.raw("<a rel=\"noopener noreferrer\" href=\"").text(url).raw("\">").text(text).raw("</a>");
        } else {
            h.text(text);
        }
    }

    /** "1 host", "2 hosts". */
    static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    static String yesNo(Boolean b) {
        return b == null ? "unknown" : b ? "yes" : "no";
    }

    /** A value for a URL's path segment or query. */
    static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
