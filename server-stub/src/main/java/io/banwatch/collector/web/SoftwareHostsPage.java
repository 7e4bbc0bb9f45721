package io.banwatch.collector.web;

import io.banwatch.model.OsFamily;
import io.banwatch.collector.api.IndexFreshness;
import io.banwatch.collector.api.Page;
import io.banwatch.collector.api.SoftwareFilter;
import io.banwatch.collector.api.SoftwareHostRow;
import io.banwatch.collector.db.SortColumns;

import java.time.Clock;

/** The hosts that have one title (or one version of it), each linking to its host page. */
final class SoftwareHostsPage {
    private final Clock clock;

    SoftwareHostsPage(Clock clock) {
        this.clock = clock;
    }

    String render(PageContext who, String title, Page<SoftwareHostRow> page, SoftwareFilter f, SortColumns.Sort sort,
                  IndexFreshness index, String query) {
        HtmlWriter h = Layout.page(who, "Hosts with " + title, Nav.SOFTWARE);
        h.raw("<p><a href=\"/software?name=").text(Cells.url(title)).raw("\">Software</a></p><h1>Hosts with ")
                .text(title);
        if (f.version() != null) {
            h.raw(" ").text(f.version());
        }
        h.raw("</h1><form class=\"filters\" method=\"get\" action=\"/software/hosts\"><input type=\"hidden\""
                + " name=\"title\" value=\"").text(title).raw("\">");
        FilterChoices.select(h, "OS", "os", OsFamily.ids(), f.os());
        FilterChoices.select(h, "Scope", "scope", java.util.List.of(SoftwareFilter.MACHINE_SCOPE,
                SoftwareFilter.USER_SCOPE), f.scope());
        h.raw("<label>Version<input name=\"version\" value=\"").text(f.version() == null ? "" : f.version())
                .raw("\" placeholder=\"any\"></label><button class=\"primary\" type=\"submit\">Filter</button>");
        String export = SortLinks.exportQuery(query);
        h.raw("<a class=\"button export\" href=\"/export/software-hosts.csv?").text(export).raw("\">Export CSV</a>");
        h.raw("<a class=\"button\" href=\"/export/software-hosts.json?").text(export).raw("\">Export JSON</a></form>");
        SoftwarePage.freshness(h, index, clock);
        h.raw("<p class=\"muted\">").text(Cells.count(page.total(), "installation", "installations")).raw("</p>");
        SortLinks sorts = new SortLinks("/software/hosts", query, sort, "host");
        h.raw("<div class=\"scroll\"><table><thead><tr>");
        sorts.th(h, "host", "Host", null);
        h.raw("<th>Level</th><th>OS</th>");
        sorts.th(h, "version", "Version", null);
        h.raw("<th>Publisher</th><th>Source</th><th>Arch</th>");
        sorts.th(h, "scope", "Scope", null);
        h.raw("<th>Install location</th>");
        sorts.th(h, "first_seen", "First seen", null);
        sorts.th(h, "last_seen", "Last seen", null);
        h.raw("</tr></thead><tbody>");
        for (SoftwareHostRow r : page.items()) {
            h.raw("<tr><td><a href=\"/hosts/").text(Cells.url(r.hostId())).raw("\">").text(r.hostname()).raw("</a></td><td>");
            Cells.badge(h, r.level());
            h.raw("</td><td>").text(r.osFamily()).raw("</td><td class=\"long\">");
            Cells.cell(h, r.version());
            h.raw("</td><td class=\"long\">");
            Cells.cell(h, r.publisher());
            h.raw("</td><td>").text(r.source()).raw("</td><td>");
            Cells.cell(h, r.arch());
            h.raw("</td><td>").text(r.scope()).raw("</td><td class=\"long\">");
            Cells.cell(h, r.location());
            h.raw("</td><td class=\"nowrap\">");
            Cells.when(h, r.firstSeen());
            h.raw("</td><td class=\"nowrap\">");
            Cells.when(h, r.lastSeen());
            h.raw("</td></tr>");
        }
        if (page.items().isEmpty()) {
            h.raw("<tr><td colspan=\"11\" class=\"muted\">No host in service has it (as far as the index knows).</td></tr>");
        }
        h.raw("</tbody></table></div>");
        Pager.render(h, "/software/hosts", query, page);
        return Layout.end(h);
    }
}
