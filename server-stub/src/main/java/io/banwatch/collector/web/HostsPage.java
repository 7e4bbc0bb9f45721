package io.banwatch.collector.web;

import io.banwatch.collector.api.HostFilter;
import io.banwatch.collector.api.HostRow;
import io.banwatch.collector.api.Page;
import io.banwatch.model.Verdict;

import java.util.Set;

/** The host list with its filters, a page at a time. */
final class HostsPage {
    /**
     * @param profiles the profiles the filter offers
     * @param query    the request's query string ("" for none), for the pager and the export link
     */
    String render(PageContext who, Page<HostRow> page, HostFilter f, Set<String> profiles, String query) {
        HtmlWriter h = Layout.page(who, "Hosts", f.stale() ? Nav.STALE : Nav.HOSTS);
        h.raw("<h1>Hosts</h1><form class=\"filters\" method=\"get\" action=\"/hosts\">");
        h.raw("<label>Level<select name=\"level\"><option value=\"\">any</option>");
        for (Verdict v : Verdict.values()) {
            String l = v.name().toLowerCase();
            h.raw("<option value=\"").text(l).raw("\"").raw(v == f.level() ? " selected" : "").raw(">").text(l)
                    .raw("</option>");
        }
        h.raw("</select></label><label>Profile<select name=\"profile\"><option value=\"\">any</option>");
        for (String p : profiles) {
            h.raw("<option value=\"").text(p).raw("\"").raw(p.equals(f.profile()) ? " selected" : "").raw(">").text(p)
                    .raw("</option>");
        }
        h.raw("</select></label><label>Search<input name=\"q\" value=\"").text(f.search() == null ? "" : f.search())
                .raw("\" placeholder=\"hostname or id\"></label>");
        h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"stale\" value=\"1\"").raw(f.stale() ? " checked" : "")
                .raw("> Stale</label>");
        h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"kaspersky\" value=\"1\"")
                .raw(f.kaspersky() ? " checked" : "").raw("> Kaspersky installed</label>");
        h.raw("<button class=\"primary\" type=\"submit\">Filter</button>");
        if (filtered(f)) {
            h.raw("<a class=\"button\" href=\"/hosts\">Clear</a>");
        }
        h.raw("<a class=\"button export\" href=\"/export/hosts.csv?").text(query).raw("\">Export CSV</a></form>");
        h.raw("<p class=\"muted\">").text(Cells.count(page.total(), "host", "hosts")).raw("</p>");
        HostTable.render(h, page.items(), filtered(f) ? "No hosts match these filters." : "No host has reported yet.");
        Pager.render(h, "/hosts", query, page);
        return Layout.end(h);
    }

    private static boolean filtered(HostFilter f) {
        return f.level() != null || f.profile() != null || f.search() != null || f.stale() || f.kaspersky();
    }
}
