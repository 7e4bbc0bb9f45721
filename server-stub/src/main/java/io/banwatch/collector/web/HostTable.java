package io.banwatch.collector.web;

import io.banwatch.collector.api.HostRow;

import java.util.List;

/** The table of hosts the summary and the host list share. */
final class HostTable {
    private HostTable() {
    }

    /** @param empty what the table says when there are no rows */
    static void render(HtmlWriter h, List<HostRow> rows, String empty) {
        h.raw("<div class=\"scroll\"><table><thead><tr><th>Host</th><th>Level</th><th>OS</th><th>Profile</th>"
                + "<th>Kaspersky</th><th>Next deadline</th><th>Last seen</th><th class=\"num\">Software</th>"
                + "<th class=\"num\">Findings</th></tr></thead><tbody>");
        for (HostRow r : rows) {
            h.raw("<tr><td class=\"name\"><a href=\"/hosts/").text(Cells.url(r.hostId())).raw("\">").text(r.hostname())
                    .raw("</a></td><td>");
            Cells.badge(h, r.level());
            h.raw("</td><td>").text(r.osName() == null ? r.osFamily() : r.osName()).raw("</td><td>");
            Cells.cell(h, r.profile());
            h.raw("</td><td>").raw(r.kasperskyInstalled() ? "<strong>installed</strong>" : "<span class=\"muted\">no</span>")
                    .raw("</td><td class=\"nowrap\">");
            Cells.cell(h, r.nextDeadline());
            h.raw("</td><td class=\"nowrap\">");
            Cells.when(h, r.lastSeen());
            if (r.stale()) {
                h.raw(" <span class=\"tag\">stale</span>");
            }
            h.raw("</td><td class=\"num\">").text(r.softwareCount()).raw("</td><td class=\"num\">").text(r.findingCount())
                    .raw("</td></tr>");
        }
        if (rows.isEmpty()) {
            h.raw("<tr><td colspan=\"9\" class=\"muted\">").text(empty).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }
}
