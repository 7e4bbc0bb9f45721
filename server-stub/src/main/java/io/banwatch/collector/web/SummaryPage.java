package io.banwatch.collector.web;

import io.banwatch.collector.api.HostRow;
import io.banwatch.collector.api.Page;
import io.banwatch.collector.api.SummaryQueries.DayCount;
import io.banwatch.collector.api.SummaryQueries.Deadline;
import io.banwatch.collector.api.SummaryQueries.Summary;
import io.banwatch.model.Verdict;

import java.util.List;
import java.util.Map;

/** The fleet summary: counts by level, the Kaspersky chart, the milestones, profiles and the worst hosts. */
final class SummaryPage {
    /**
     * @param chart hosts with Kaspersky installed, one count a day
     * @param worst the first page of the host list, most serious first
     */
    String render(PageContext who, Summary s, List<DayCount> chart, Page<HostRow> worst) {
        HtmlWriter h = Layout.page(who, "Fleet summary", Nav.SUMMARY);
        h.raw("<h1>Fleet summary</h1>");
        if (s.hosts() == 0) {
            h.raw("<div class=\"empty\"><p><strong>No host has reported yet.</strong></p><p>Install the banwatch agent"
                    + " on your workstations and enroll them with this collector's enrollment secret; each host appears"
                    + " here after its first report.</p></div>");
        } else {
            h.raw("<div class=\"cards\">");
            h.raw("<a class=\"card\" href=\"/hosts\"><span class=\"n\">").text(s.hosts()).raw("</span>hosts</a>");
            for (Verdict v : Verdict.values()) {
                String l = v.name();
                h.raw("<a class=\"card ").text(l).raw("\" href=\"/hosts?level=").text(l.toLowerCase()).raw("\"><span class=\"n\">")
                        .text(s.byLevel().getOrDefault(l, 0L)).raw("</span>").text(l.toLowerCase()).raw("</a>");
            }
            h.raw("<a class=\"card VIOLATION\" href=\"/hosts?kaspersky=1\"><span class=\"n\">").text(s.kasperskyInstalled())
                    .raw("</span>with Kaspersky installed</a>");
            h.raw("<a class=\"card\" href=\"/hosts?stale=1\"><span class=\"n\">").text(s.stale())
                    .raw("</span>stale (no report in ").text(s.staleDays()).raw(" days)</a>");
            h.raw("<a class=\"card\" href=\"/hosts?retired=only\"><span class=\"n\">").text(s.retired())
                    .raw("</span>retired (not counted)</a></div>");

            h.raw("<h2>Hosts with Kaspersky installed, last ").text(chart.size()).raw(" days</h2>");
            Chart.render(h, chart);
        }

        h.raw("<h2>Milestones</h2><div class=\"scroll\"><table><thead><tr><th>Date</th><th>Milestone</th>"
                + "<th>Instrument</th><th>Status</th><th class=\"num\">Hosts under it</th></tr></thead><tbody>");
        for (Deadline d : s.deadlines()) {
            h.raw("<tr><td class=\"nowrap\">").text(d.date()).raw("</td><td>").text(d.title()).raw("</td><td>");
            Cells.link(h, d.url(), d.citation());
            h.raw("</td><td class=\"nowrap\">").text(d.passed() ? "passed" : "ahead").raw("</td><td class=\"num\">")
                    .text(d.hosts()).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");

        if (!s.byProfile().isEmpty()) {
            h.raw("<h2>Hosts by profile</h2><div class=\"scroll fit\"><table><thead><tr><th>Profile</th>"
                    + "<th class=\"num\">Hosts</th></tr></thead><tbody>");
            for (Map.Entry<String, Long> e : s.byProfile().entrySet()) {
                h.raw("<tr><td><a href=\"/hosts?profile=").text(Cells.url(e.getKey())).raw("\">").text(e.getKey())
                        .raw("</a></td><td class=\"num\">").text(e.getValue()).raw("</td></tr>");
            }
            h.raw("</tbody></table></div>");
        }
        if (s.hosts() > 0) {
            h.raw("<h2>Most serious hosts</h2>");
            HostTable.render(h, worst.items(), "No hosts.", null);
            if (worst.total() > worst.items().size()) {
                h.raw("<p><a href=\"/hosts\">All ").text(worst.total()).raw(" hosts</a></p>");
            }
        }
        return Layout.end(h);
    }
}
