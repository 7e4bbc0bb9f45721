package io.banwatch.collector.web;

import io.banwatch.model.OsFamily;
import io.banwatch.collector.api.IndexFreshness;
import io.banwatch.collector.api.Page;
import io.banwatch.collector.api.SoftwareFilter;
import io.banwatch.collector.api.TitleRow;
import io.banwatch.collector.db.SortColumns;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The fleet's software: each distinct title with its versions, publishers, sources and hosts. */
final class SoftwarePage {
    private final Clock clock;

    SoftwarePage(Clock clock) {
        this.clock = clock;
    }

    /** @param query the request's query string ("" for none), for the pager, the sort links and the exports */
    String render(PageContext who, Page<TitleRow> page, SoftwareFilter f, SortColumns.Sort sort, IndexFreshness index,
                  String query) {
        HtmlWriter h = Layout.page(who, "Software", Nav.SOFTWARE);
        h.raw("<h1>Software</h1><form class=\"filters\" method=\"get\" action=\"/software\">");
        filters(h, f);
        if (sort.column() != null) {
            h.raw("<input type=\"hidden\" name=\"sort\" value=\"").text(sort.column()).raw("\"><input type=\"hidden\""
                    + " name=\"dir\" value=\"").text(sort.dir()).raw("\">");
        }
        h.raw("<button class=\"primary\" type=\"submit\">Search</button>");
        if (f.filtered()) {
            h.raw("<a class=\"button\" href=\"/software\">Clear</a>");
        }
        String export = SortLinks.exportQuery(query);
        h.raw("<a class=\"button export\" href=\"/export/software.csv?").text(export).raw("\">Export CSV</a>");
        h.raw("<a class=\"button\" href=\"/export/software.json?").text(export).raw("\">Export JSON</a></form>");
        freshness(h, index, clock);
        h.raw("<p class=\"muted\">").text(Cells.count(page.total(), "title", "titles")).raw("</p>");
        SortLinks sorts = new SortLinks("/software", query, sort, null);
        h.raw("<div class=\"scroll\"><table><thead><tr>");
        sorts.th(h, "name", "Title", null);
        h.raw("<th>Versions (hosts)</th><th>Publishers</th><th>Sources</th>");
        sorts.th(h, "hosts", "Hosts", null);
        h.raw("</tr></thead><tbody>");
        for (TitleRow t : page.items()) {
            String hosts = "/software/hosts?" + keep(f, "title=" + Cells.url(t.name()));
            h.raw("<tr><td class=\"long\"><a href=\"").text(hosts).raw("\">").text(t.name()).raw("</a></td><td class=\"long\">");
            int shown = 0;
            for (TitleRow.VersionCount v : t.versions()) {
                if (shown++ == 10) {
                    h.raw(" <span class=\"muted\">and ").text(t.versions().size() - 10).raw(" more</span>");
                    break;
                }
                h.raw(shown > 1 ? ", " : "").raw("<a href=\"").text(hosts + "&version=" + Cells.url(v.version()))
                        .raw("\">").text(v.version().isEmpty() ? "(none)" : v.version()).raw("</a> (").text(v.hosts())
                        .raw(")");
            }
            h.raw("</td><td class=\"long\">");
            list(h, t.publishers());
            h.raw("</td><td>");
            list(h, t.sources());
            h.raw("</td><td>").text(t.hosts()).raw("</td></tr>");
        }
        if (page.items().isEmpty()) {
            h.raw("<tr><td colspan=\"5\" class=\"muted\">").text(f.filtered() ? "No software matches these filters."
                    : "No software indexed yet.").raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        Pager.render(h, "/software", query, page);
        return Layout.end(h);
    }

    /** The search fields both software lists share. */
    static void filters(HtmlWriter h, SoftwareFilter f) {
        input(h, "Title", "name", f.name(), "part of the name");
        input(h, "Publisher", "publisher", f.publisher(), "part of the publisher");
        input(h, "Version", "version", f.version(), "exact");
        input(h, "Source", "source", f.source(), "dpkg, rpm, windows-uninstall…");
        FilterChoices.select(h, "OS", "os", OsFamily.ids(), f.os());
        FilterChoices.select(h, "Scope", "scope", List.of(SoftwareFilter.MACHINE_SCOPE, SoftwareFilter.USER_SCOPE),
                f.scope());
    }

    /**
     * "Indexed N s ago" or how many hosts wait: the lists read an index a background job keeps up,
     * so a report that just came in may not be in them yet.
     */
    static void freshness(HtmlWriter h, IndexFreshness index, Clock clock) {
        h.raw("<p class=\"muted small\" role=\"status\">");
        if (index.upToDate()) {
            h.raw("Index up to date");
            if (index.lastIndexedAt() != null) {
                h.raw(" (last indexed ").text(ago(index.lastIndexedAt(), clock)).raw(")");
            }
            h.raw(".");
        } else {
            h.raw("Index catching up: ").text(Cells.count(index.pendingHosts(), "host", "hosts"))
                    .raw(" pending, the oldest change ").text(ago(index.oldestPending(), clock))
                    .raw("; their newest software is not in these lists yet.");
        }
        h.raw("</p>");
    }

    private static String ago(String iso, Clock clock) {
        if (iso == null) {
            return "at an unknown time";
        }
        long s = Math.max(0, Duration.between(Instant.parse(iso), clock.instant()).toSeconds());
        return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
    }

    /** The query of a link to the hosts list: the filters that apply there, and {@code first}. */
    static String keep(SoftwareFilter f, String first) {
        StringBuilder q = new StringBuilder(first);
        append(q, "publisher", f.publisher());
        append(q, "version", f.version());
        append(q, "source", f.source());
        append(q, "os", f.os());
        append(q, "scope", f.scope());
        return q.toString();
    }

    private static void append(StringBuilder q, String name, String value) {
        if (value != null) {
            q.append('&').append(name).append('=').append(Cells.url(value));
        }
    }

    private static void input(HtmlWriter h, String label, String name, String value, String placeholder) {
        h.raw("<label>").text(label).raw("<input name=\"").text(name).raw("\" value=\"").text(value == null ? "" : value)
                .raw("\" placeholder=\"").text(placeholder).raw("\"></label>");
    }

    private static void list(HtmlWriter h, List<String> values) {
        if (values.isEmpty()) {
            Cells.cell(h, null);
        }
        for (int i = 0; i < values.size(); i++) {
            h.raw(i == 0 ? "" : ", ").text(values.get(i));
        }
    }
}
