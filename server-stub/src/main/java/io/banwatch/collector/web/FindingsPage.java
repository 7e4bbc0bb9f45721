package io.banwatch.collector.web;

import io.banwatch.collector.api.FindingRow;
import io.banwatch.collector.api.Page;
import io.banwatch.model.Level;

/** Findings across the fleet, filtered by level, a page at a time. */
final class FindingsPage {
    private final FindingTable table;

    FindingsPage(FindingTable table) {
        this.table = table;
    }

    /**
     * @param level the finding level filtered on, or null
     * @param query the request's query string ("" for none), for the pager
     */
    String render(PageContext who, Page<FindingRow> page, Level level, String query) {
        HtmlWriter h = Layout.page(who, "Findings", Nav.FINDINGS);
        h.raw("<h1>Findings</h1><form class=\"filters\" method=\"get\" action=\"/findings\"><label>Level"
                + "<select name=\"level\"><option value=\"\">any</option>");
        for (Level l : Level.values()) {
            h.raw("<option value=\"").text(l.name()).raw("\"").raw(l == level ? " selected" : "").raw(">")
                    .text(l.name().toLowerCase()).raw("</option>");
        }
        h.raw("</select></label><button class=\"primary\" type=\"submit\">Filter</button>");
        if (level != null) {
            h.raw("<a class=\"button\" href=\"/findings\">Clear</a>");
        }
        h.raw("<a class=\"button export\" href=\"/export/findings.csv\">Export CSV</a></form><p class=\"muted\">")
                .text(Cells.count(page.total(), "finding", "findings")).raw("</p>");
        table.render(h, page.items(), true, level == null ? "No findings: no host has anything the rules look for."
                : "No findings at level " + level + ".");
        Pager.render(h, "/findings", query, page);
        return Layout.end(h);
    }
}
