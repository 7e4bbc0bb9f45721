package io.banwatch.collector.web;

import io.banwatch.collector.api.Page;
import io.banwatch.collector.audit.AuditFilter;
import io.banwatch.collector.audit.AuditLog.Entry;

import java.time.Instant;
import java.util.List;

/** The admins' audit log: every change an administrator made, newest first, filtered and paged. */
final class AuditLogPage {
    /** Entries about a host name it as their subject, so they link to it. */
    private static final String HOST_ACTIONS = "host.";

    /**
     * @param actions the actions the log holds, for the filter
     * @param query   the request's query string ("" for none), for the pager and the export
     */
    String render(PageContext who, Page<Entry> page, AuditFilter f, List<String> actions, String query) {
        HtmlWriter h = Layout.page(who, "Audit log", Nav.AUDIT);
        h.raw("<h1>Audit log</h1><p class=\"muted\">Every change an administrator made: tokens issued and revoked,"
                + " hosts retired and brought back, by whom and when. Sign-ins and reports are not changes and are"
                + " not listed.</p>");
        h.raw("<form class=\"filters\" method=\"get\" action=\"/admin/audit\">");
        FilterChoices.select(h, "Action", "action", actions, f.action());
        h.raw("<label>Actor<input name=\"actor\" maxlength=\"200\" value=\"").text(f.actor() == null ? "" : f.actor())
                .raw("\" placeholder=\"token name or user\"></label><button class=\"primary\" type=\"submit\">Filter"
                        + "</button>");
        if (f.any()) {
            h.raw("<a class=\"button\" href=\"/admin/audit\">Clear</a>");
        }
        h.raw("<a class=\"button export\" href=\"/export/audit.csv").text(exportQuery(query)).raw("\">Export CSV</a>"
                + "</form>");
        h.raw("<p class=\"muted\">").text(Cells.count(page.total(), "entry", "entries")).raw("</p>");
        h.raw("<div class=\"scroll\"><table><thead><tr><th>When</th><th>Who</th><th>Action</th><th>Subject</th>"
                + "<th>Detail</th></tr></thead><tbody>");
        for (Entry e : page.items()) {
            h.raw("<tr><td class=\"nowrap\">");
            Cells.when(h, Instant.ofEpochMilli(e.at()).toString());
            h.raw("</td><td class=\"long\">").text(e.actor().describe()).raw("</td><td class=\"nowrap\">")
                    .text(e.action()).raw("</td><td class=\"long\">");
            if (e.subject() != null && e.action().startsWith(HOST_ACTIONS)) {
                h.raw("<a href=\"/hosts/").text(Cells.url(e.subject())).raw("\">").text(e.subject()).raw("</a>");
            } else {
                Cells.cell(h, e.subject());
            }
            h.raw("</td><td class=\"long\">");
            Cells.cell(h, e.detail());
            h.raw("</td></tr>");
        }
        if (page.items().isEmpty()) {
            h.raw("<tr><td colspan=\"5\" class=\"muted\">").text(f.any() ? "No entries match these filters."
                    : "No administrator has changed anything yet.").raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        Pager.render(h, "/admin/audit", query, page);
        return Layout.end(h);
    }

    /** The filters of the list, without its page: the export has every matching entry. */
    private static String exportQuery(String query) {
        String q = query.replaceAll("(^|&)(page|size)=[^&]*", "").replaceAll("^&+", "");
        return q.isEmpty() ? "" : "?" + q;
    }
}
