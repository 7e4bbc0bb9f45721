package io.banwatch.collector.web;

import io.banwatch.collector.api.HostRow;

import java.util.List;

/** The table of hosts the summary and the host list share. */
final class HostTable {
    private static final String[][] COLUMNS = {
            {"host", "Host", null}, {"level", "Level", null}, {"os", "OS", null}, {"profile", "Profile", null},
            {"kaspersky", "Kaspersky", null}, {"product", "Most serious finding", null},
            {"milestone", "Milestone", null}, {"deadline", "Next deadline", null}, {"last_seen", "Last seen", null},
            {"software", "Software", "num"}, {"findings", "Findings", "num"}};

    private HostTable() {
    }

    /**
     * @param empty what the table says when there are no rows
     * @param sort  the header's sort links, or null for plain headers (the summary's short list)
     */
    static void render(HtmlWriter h, List<HostRow> rows, String empty, SortLinks sort) {
        h.raw("<div class=\"scroll\"><table class=\"hosts\"><thead><tr>");
        for (String[] c : COLUMNS) {
            if (sort != null) {
                sort.th(h, c[0], c[1], c[2]);
            } else {
                h.raw(c[2] == null ? "<th>" : "<th class=\"num\">").text(c[1]).raw("</th>");
            }
        }
        h.raw("</tr></thead><tbody>");
        for (HostRow r : rows) {
            h.raw("<tr><td class=\"name\"><a href=\"/hosts/").text(Cells.url(r.hostId())).raw("\">").text(r.hostname())
                    .raw("</a>");
            if (r.retiredAt() != null) {
                h.raw(" <span class=\"tag\">retired</span>");
            }
            h.raw("</td><td>");
            Cells.badge(h, r.level());
            h.raw("</td><td>").text(r.osName() == null ? r.osFamily() : r.osName()).raw("</td><td>");
            Cells.cell(h, r.profile());
            h.raw("</td><td>").raw(r.kasperskyInstalled() ? "<strong>installed</strong>" : "<span class=\"muted\">no</span>")
                    .raw("</td><td class=\"product\">");
            Cells.cell(h, r.topProduct());
            if (r.topProduct() != null && r.findingCount() > 1) {
                h.raw(" <span class=\"small muted\">+").text(r.findingCount() - 1).raw(" more</span>");
            }
            h.raw("</td><td>");
            if (r.topMilestone() == null) {
                Cells.cell(h, null);
            } else {
                h.raw("<code>").text(r.topMilestone()).raw("</code>");
            }
            h.raw("</td><td class=\"nowrap\">");
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
            h.raw("<tr><td colspan=\"").text(COLUMNS.length).raw("\" class=\"muted\">").text(empty).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }
}
