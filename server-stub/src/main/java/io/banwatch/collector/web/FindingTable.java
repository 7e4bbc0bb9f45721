package io.banwatch.collector.web;

import io.banwatch.collector.api.EvidenceItem;
import io.banwatch.collector.api.FindingRow;
import io.banwatch.model.Verdict;

import java.util.List;

/** The table of findings a host's page and the findings page share: the evidence as the CLI shows it. */
final class FindingTable {
    private static final String[][] COLUMNS = {
            {"level", "Level"}, {"product", "Product"}, {"presence", "Presence"}, {"milestone", "Milestone"},
            {"date", "Date"}, {"since", "At this level since"}, {"why", "Why"}, {"evidence", "Evidence"}};

    /**
     * @param withHost a first column naming each finding's host (the fleet-wide list)
     * @param empty    what the table says when there are no rows
     * @param sort     the header's sort links, or null for plain headers (a host's page)
     */
    void render(HtmlWriter h, List<FindingRow> rows, boolean withHost, String empty, SortLinks sort) {
        int columns = COLUMNS.length + (withHost ? 1 : 0);
        h.raw("<div class=\"scroll\"><table class=\"findings\"><thead><tr>");
        if (withHost) {
            header(h, sort, "host", "Host");
        }
        for (String[] c : COLUMNS) {
            header(h, sort, c[0], c[1]);
        }
        h.raw("</tr></thead><tbody>");
        for (FindingRow f : rows) {
            h.raw("<tr>");
            if (withHost) {
                h.raw("<td class=\"name\"><a href=\"/hosts/").text(Cells.url(f.hostId())).raw("\">").text(f.hostname())
                        .raw("</a>");
                if (f.hostRetiredAt() != null) {
                    h.raw(" <span class=\"tag\">retired</span>");
                }
                h.raw("</td>");
            }
            h.raw("<td>");
            Cells.badge(h, f.level());
            h.raw("</td><td class=\"product\">").text(f.product());
            if (f.productVersion() != null) {
                h.raw(" <span class=\"version\">").text(f.productVersion()).raw("</span>");
            }
            if ("notice".equals(f.kind())) {
                h.raw(" <span class=\"tag\">notice</span>");
            }
            h.raw("</td><td>").text(f.presence()).raw("</td><td>");
            if (f.milestone() == null) {
                Cells.cell(h, null);
            } else {
                h.raw("<code>").text(f.milestone()).raw("</code>");
            }
            h.raw("</td><td class=\"nowrap\">");
            milestoneDate(h, f);
            h.raw("</td><td class=\"nowrap\">");
            Cells.when(h, f.firstSeenAtLevel());
            h.raw("</td><td class=\"why\">").text(f.message()).raw("<br><span class=\"small\">");
            Cells.link(h, f.citationUrl(), f.citationTitle());
            h.raw("</span>");
            if (f.packId() != null) {
                h.raw("<br><span class=\"small muted pack\">judged by ").text(f.packId());
                if (f.packVersion() != null) {
                    h.raw(" ").text(f.packVersion());
                }
                if (f.packSha256() != null) {
                    h.raw(" <span title=\"SHA-256 ").text(f.packSha256()).raw("\">sha256 ")
                            .text(f.packSha256().substring(0, Math.min(12, f.packSha256().length()))).raw("&hellip;</span>");
                }
                h.raw("</span>");
            }
            h.raw("</td><td class=\"evidence\">");
            evidence(h, f.evidenceItems());
            h.raw("</td></tr>");
        }
        if (rows.isEmpty()) {
            h.raw("<tr><td colspan=\"").text(columns).raw("\" class=\"muted\">").text(empty).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }

    private static void header(HtmlWriter h, SortLinks sort, String column, String label) {
        if (sort != null) {
            sort.th(h, column, label, null);
        } else {
            h.raw("<th>").text(label).raw("</th>");
        }
    }

    /**
     * The date the milestone column names: what a DEADLINE counts down to, else since when the
     * milestone applies (for a VIOLATION: since when the product is prohibited).
     */
    private static void milestoneDate(HtmlWriter h, FindingRow f) {
        if (f.deadline() != null) {
            h.raw("from ").text(f.deadline());
            if (f.daysLeft() != null) {
                h.raw("<br><span class=\"small\">").text(Cells.count(f.daysLeft(), "day", "days")).raw(" left</span>");
            }
        } else if (f.since() != null) {
            h.text(Verdict.VIOLATION.name().equals(f.level()) ? "prohibited since " : "since ").text(f.since());
        } else {
            Cells.cell(h, null);
        }
    }

    /** Each piece of evidence on its line: kind, name, version or detail, location, as the CLI shows them. */
    private static void evidence(HtmlWriter h, List<EvidenceItem> items) {
        if (items.isEmpty()) {
            Cells.cell(h, null);
            return;
        }
        h.raw("<ul class=\"evidence\">");
        for (EvidenceItem e : items) {
            h.raw("<li><span class=\"kind\">").text(e.kind()).raw("</span> ").text(e.name());
            if (e.detail() != null) {
                h.raw(" <span class=\"detail\">").text(e.detail()).raw("</span>");
            }
            if (e.location() != null && !e.location().equals(e.name())) {
                h.raw(" <span class=\"location\">at ").text(e.location()).raw("</span>");
            }
            h.raw("</li>");
        }
        h.raw("</ul>");
    }
}
