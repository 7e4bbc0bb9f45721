package io.banwatch.collector.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.api.FindingRow;
import io.banwatch.model.Verdict;

import java.io.IOException;
import java.util.List;

/** The table of findings a host's page and the findings page share. */
final class FindingTable {
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param withHost a first column naming each finding's host (the fleet-wide list)
     * @param empty    what the table says when there are no rows
     */
    void render(HtmlWriter h, List<FindingRow> rows, boolean withHost, String empty) {
        int columns = withHost ? 8 : 7;
        h.raw("<div class=\"scroll\"><table class=\"findings\"><thead><tr>").raw(withHost ? "<th>Host</th>" : "")
                .raw("<th>Level</th><th>Product</th><th>Presence</th><th>Milestone</th><th>Date</th>"
                        + "<th>Why</th><th>Evidence</th></tr></thead><tbody>");
        for (FindingRow f : rows) {
            h.raw("<tr>");
            if (withHost) {
                h.raw("<td class=\"name\"><a href=\"/hosts/").text(Cells.url(f.hostId())).raw("\">").text(f.hostname())
                        .raw("</a></td>");
            }
            h.raw("<td>");
            Cells.badge(h, f.level());
            h.raw("</td><td class=\"product\">").text(f.product());
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
            h.raw("</td><td class=\"why\">").text(f.message()).raw("<br><span class=\"small\">");
            Cells.link(h, f.citationUrl(), f.citationTitle());
            h.raw("</span></td><td class=\"evidence\">").text(evidence(f.evidence())).raw("</td></tr>");
        }
        if (rows.isEmpty()) {
            h.raw("<tr><td colspan=\"").text(columns).raw("\" class=\"muted\">").text(empty).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
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

    /** The evidence array as "kind name; kind name". */
    private String evidence(String evidenceJson) {
        try {
            StringBuilder b = new StringBuilder();
            for (JsonNode e : json.readTree(evidenceJson)) {
                if (b.length() > 0) {
                    b.append("; ");
                }
                b.append(e.path("kind").asText()).append(' ').append(e.path("name").asText());
            }
            return b.toString();
        } catch (IOException e) {
            return evidenceJson;
        }
    }
}
