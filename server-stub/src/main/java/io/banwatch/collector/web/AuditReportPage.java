package io.banwatch.collector.web;

import java.time.LocalDate;
import java.util.Collection;

/** The form that makes an audit report: a profile, an as-of date, and HTML to print or a PDF to file. */
final class AuditReportPage {
    /** @param error why the last request was refused, or null */
    String render(PageContext who, Collection<String> profiles, LocalDate today, String error) {
        HtmlWriter h = Layout.page(who, "Audit report", Nav.REPORTS);
        h.raw("<h1>Audit report</h1><p>One document to hand to an auditor: the fleet's totals, every host not shown"
                + " compliant with its findings, evidence and sources, the stale hosts, the hosts retired in the period,"
                + " and the rule packs in force with their SHA-256, stamped with when and by whom it was made.</p>");
        if (error != null) {
            h.raw("<p class=\"error\" role=\"alert\">").text(error).raw("</p>");
        }
        h.raw("<form class=\"filters\" method=\"get\" action=\"/reports/audit/document\"><label>Profile<select"
                + " name=\"profile\"><option value=\"all\">all profiles</option>");
        for (String p : profiles) {
            h.raw("<option value=\"").text(p).raw("\">").text(p).raw("</option>");
        }
        h.raw("</select></label><label>As of<input type=\"date\" name=\"asOf\" value=\"").text(today).raw("\" max=\"")
                .text(today).raw("\" required></label><label>Retirements from<input type=\"date\" name=\"from\" max=\"")
                .text(today).raw("\"></label><button class=\"primary\" type=\"submit\" name=\"format\" value=\"pdf\">"
                        + "Download PDF</button><button type=\"submit\" name=\"format\" value=\"html\">Open HTML to print"
                        + "</button></form>");
        h.raw("<p class=\"muted small\">The as-of date is a whole day, UTC. Retirements are listed from the date given,"
                + " or for the 90 days up to the as-of date. Each list in the report stops at ")
                .text(io.banwatch.collector.api.AuditReportQueries.DEFAULT_MAX_LISTED)
                .raw(" entries and says how many it left out; the exports list everything.</p>");
        return Layout.end(h);
    }
}
