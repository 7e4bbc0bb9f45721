package io.banwatch.collector.web;

import io.banwatch.collector.api.HostFilter;
import io.banwatch.collector.api.HostRow;
import io.banwatch.collector.api.Page;
import io.banwatch.collector.api.RetiredFilter;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.model.Verdict;

/** The host list with its filters and sortable columns, a page at a time. */
final class HostsPage {
    /** @param query the request's query string ("" for none), for the pager, the sort links and the export */
    String render(PageContext who, Page<HostRow> page, HostFilter f, SortColumns.Sort sort, FilterChoices choices,
                  String query) {
        HtmlWriter h = Layout.page(who, "Hosts", f.stale() && !f.filteredBesidesStale() ? Nav.STALE : Nav.HOSTS);
        h.raw("<h1>Hosts</h1><form class=\"filters\" method=\"get\" action=\"/hosts\">");
        h.raw("<label>Level<select name=\"level\"><option value=\"\">any</option>");
        for (Verdict v : Verdict.values()) {
            String l = v.name().toLowerCase();
            h.raw("<option value=\"").text(l).raw("\"").raw(v == f.level() ? " selected" : "").raw(">").text(l)
                    .raw("</option>");
        }
        h.raw("</select></label>");
        FilterChoices.select(h, "Profile", "profile", choices.profiles(), f.profile());
        FilterChoices.select(h, "Product", "product", choices.products(), f.product());
        FilterChoices.select(h, "Milestone", "milestone", choices.milestones(), f.milestone());
        h.raw("<label>Search<input name=\"q\" value=\"").text(f.search() == null ? "" : f.search())
                .raw("\" placeholder=\"hostname or id\"></label>");
        FilterChoices.retired(h, f.retired());
        h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"stale\" value=\"1\"").raw(f.stale() ? " checked" : "")
                .raw("> Stale</label>");
        h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"kaspersky\" value=\"1\"")
                .raw(f.kaspersky() ? " checked" : "").raw("> Kaspersky installed</label>");
        if (sort.column() != null) {
            // Filtering keeps the order the list is sorted in.
            h.raw("<input type=\"hidden\" name=\"sort\" value=\"").text(sort.column()).raw("\"><input type=\"hidden\""
                    + " name=\"dir\" value=\"").text(sort.dir()).raw("\">");
        }
        h.raw("<button class=\"primary\" type=\"submit\">Filter</button>");
        if (f.filtered()) {
            h.raw("<a class=\"button\" href=\"/hosts\">Clear</a>");
        }
        h.raw("<a class=\"button export\" href=\"/export/hosts.csv?").text(SortLinks.exportQuery(query))
                .raw("\">Export CSV</a></form>");
        h.raw("<p class=\"muted\">").text(Cells.count(page.total(), "host", "hosts"));
        if (f.retired() == RetiredFilter.ACTIVE) {
            h.raw("<span class=\"small\"> (retired hosts left out)</span>");
        }
        h.raw("</p>");
        HostTable.render(h, page.items(), f.filtered() ? "No hosts match these filters." : "No host has reported yet.",
                new SortLinks("/hosts", query, sort, "level"));
        Pager.render(h, "/hosts", query, page);
        return Layout.end(h);
    }
}
