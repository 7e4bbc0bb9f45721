package io.banwatch.collector.web;

import io.banwatch.collector.api.FindingFilter;
import io.banwatch.collector.api.FindingRow;
import io.banwatch.collector.api.Page;
import io.banwatch.collector.api.RetiredFilter;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.model.Level;

/** Findings across the fleet, filtered and sortable, a page at a time. */
final class FindingsPage {
    private final FindingTable table;

    FindingsPage(FindingTable table) {
        this.table = table;
    }

    /** @param query the request's query string ("" for none), for the pager, the sort links and the exports */
    String render(PageContext who, Page<FindingRow> page, FindingFilter f, SortColumns.Sort sort, FilterChoices choices,
                  String query) {
        HtmlWriter h = Layout.page(who, "Findings", Nav.FINDINGS);
        h.raw("<h1>Findings</h1><form class=\"filters\" method=\"get\" action=\"/findings\"><label>Level"
                + "<select name=\"level\"><option value=\"\">any</option>");
        for (Level l : Level.values()) {
            h.raw("<option value=\"").text(l.name()).raw("\"").raw(l == f.level() ? " selected" : "").raw(">")
                    .text(l.name().toLowerCase()).raw("</option>");
        }
        h.raw("</select></label>");
        FilterChoices.select(h, "Profile", "profile", choices.profiles(), f.profile());
        FilterChoices.select(h, "Product", "product", choices.products(), f.product());
        FilterChoices.select(h, "Milestone", "milestone", choices.milestones(), f.milestone());
        h.raw("<label>Host<input name=\"q\" value=\"").text(f.search() == null ? "" : f.search())
                .raw("\" placeholder=\"hostname or id\"></label>");
        FilterChoices.retired(h, f.retired());
        h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"stale\" value=\"1\"").raw(f.stale() ? " checked" : "")
                .raw("> Stale hosts</label>");
        if (sort.column() != null) {
            h.raw("<input type=\"hidden\" name=\"sort\" value=\"").text(sort.column()).raw("\"><input type=\"hidden\""
                    + " name=\"dir\" value=\"").text(sort.dir()).raw("\">");
        }
        h.raw("<button class=\"primary\" type=\"submit\">Filter</button>");
        if (f.filtered()) {
            h.raw("<a class=\"button\" href=\"/findings\">Clear</a>");
        }
        String export = SortLinks.exportQuery(query);
        h.raw("<a class=\"button export\" href=\"/export/findings.csv?").text(export).raw("\">Export CSV</a>");
        h.raw("<a class=\"button\" href=\"/export/findings.json?").text(export).raw("\">Export JSON</a></form>");
        h.raw("<p class=\"muted\">").text(Cells.count(page.total(), "finding", "findings"));
        if (f.retired() == RetiredFilter.ACTIVE) {
            h.raw("<span class=\"small\"> (retired hosts left out)</span>");
        }
        h.raw("</p>");
        table.render(h, page.items(), true, !f.filtered() ? "No findings: no host has anything the rules look for."
                : f.level() != null && f.equals(FindingFilter.level(f.level())) ? "No findings at level " + f.level() + "."
                : "No findings match these filters.", new SortLinks("/findings", query, sort, "level"));
        Pager.render(h, "/findings", query, page);
        return Layout.end(h);
    }
}
