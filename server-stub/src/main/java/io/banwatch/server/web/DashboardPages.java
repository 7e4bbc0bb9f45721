package io.banwatch.server.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.server.api.FleetQueries;
import io.banwatch.server.api.FleetQueries.DayCount;
import io.banwatch.server.api.FleetQueries.FindingRow;
import io.banwatch.server.api.FleetQueries.HostRow;
import io.banwatch.server.api.HostFilter;
import io.banwatch.server.api.Page;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The compliance officer's pages, rendered on the server with every value escaped. */
public final class DashboardPages {
    private static final List<String> LEVELS = List.of("VIOLATION", "DEADLINE", "RISK", "INFO", "CLEAN");
    private final ObjectMapper json = new ObjectMapper();

    public String login(String error) {
        HtmlWriter h = head("Sign in");
        h.raw("<main><div class=\"login\"><h1>banwatch</h1><p class=\"muted\">Sign in with a viewer or admin token.</p>");
        if (error != null) {
            h.raw("<p class=\"error\">").text(error).raw("</p>");
        }
        h.raw("<form method=\"post\" action=\"/login\"><label for=\"token\">Token</label>"
                + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" required>"
                + "<button type=\"submit\">Sign in</button></form></div></main>");
        return end(h);
    }

    public String summary(FleetQueries.Summary s, List<DayCount> chart, Page<HostRow> worst) {
        HtmlWriter h = page("Fleet summary");
        h.raw("<h1>Fleet summary</h1><div class=\"cards\">");
        h.raw("<a class=\"card\" href=\"/hosts\"><div class=\"n\">").text(s.hosts()).raw("</div>hosts</a>");
        for (String l : LEVELS) {
            h.raw("<a class=\"card ").text(l).raw("\" href=\"/hosts?level=").text(l.toLowerCase()).raw("\"><div class=\"n\">")
                    .text(s.byLevel().getOrDefault(l, 0L)).raw("</div>").text(l.toLowerCase()).raw("</a>");
        }
        h.raw("<a class=\"card VIOLATION\" href=\"/hosts?kaspersky=1\"><div class=\"n\">").text(s.kasperskyInstalled())
                .raw("</div>with Kaspersky installed</a>");
        h.raw("<a class=\"card\" href=\"/hosts?stale=1\"><div class=\"n\">").text(s.stale()).raw("</div>stale (no report in ")
                .text(s.staleDays()).raw(" days)</a></div>");

        h.raw("<h2>Hosts with Kaspersky installed, last ").text(chart.size()).raw(" days</h2>");
        Chart.render(h, chart);

        h.raw("<h2>Milestones</h2><table><thead><tr><th>Date</th><th>Milestone</th><th>Instrument</th>"
                + "<th>Passed</th><th class=\"num\">Hosts judged under it</th></tr></thead><tbody>");
        for (FleetQueries.Deadline d : s.deadlines()) {
            h.raw("<tr><td>").text(d.date()).raw("</td><td>").text(d.title()).raw("</td><td>");
            link(h, d.url(), d.citation());
            h.raw("</td><td>").text(d.passed() ? "yes" : "not yet").raw("</td><td class=\"num\">").text(d.hosts())
                    .raw("</td></tr>");
        }
        h.raw("</tbody></table>");

        if (!s.byProfile().isEmpty()) {
            h.raw("<h2>Hosts by profile</h2><table><thead><tr><th>Profile</th><th class=\"num\">Hosts</th></tr></thead><tbody>");
            for (Map.Entry<String, Long> e : s.byProfile().entrySet()) {
                h.raw("<tr><td><a href=\"/hosts?profile=").text(url(e.getKey())).raw("\">").text(e.getKey())
                        .raw("</a></td><td class=\"num\">").text(e.getValue()).raw("</td></tr>");
            }
            h.raw("</tbody></table>");
        }
        h.raw("<h2>Most serious hosts</h2>");
        hostTable(h, worst.items());
        return end(h);
    }

    public String hosts(Page<HostRow> page, HostFilter f, Set<String> profiles, String query) {
        HtmlWriter h = page("Hosts");
        h.raw("<h1>Hosts</h1><form class=\"filters\" method=\"get\" action=\"/hosts\">");
        h.raw("<label>Level<select name=\"level\"><option value=\"\">any</option>");
        for (String l : LEVELS) {
            String v = l.equals("CLEAN") ? HostFilter.CLEAN : l;
            h.raw("<option value=\"").text(v.toLowerCase()).raw("\"").raw(v.equals(f.level()) ? " selected" : "").raw(">")
                    .text(l.toLowerCase()).raw("</option>");
        }
        h.raw("</select></label><label>Profile<select name=\"profile\"><option value=\"\">any</option>");
        for (String p : profiles) {
            h.raw("<option value=\"").text(p).raw("\"").raw(p.equals(f.profile()) ? " selected" : "").raw(">").text(p)
                    .raw("</option>");
        }
        h.raw("</select></label><label>Search<input name=\"q\" value=\"").text(f.search() == null ? "" : f.search())
                .raw("\" placeholder=\"hostname or id\"></label>");
        h.raw("<label><span>Stale</span><input type=\"checkbox\" name=\"stale\" value=\"1\"").raw(f.stale() ? " checked" : "")
                .raw("></label>");
        h.raw("<label><span>Kaspersky installed</span><input type=\"checkbox\" name=\"kaspersky\" value=\"1\"")
                .raw(f.kaspersky() ? " checked" : "").raw("></label>");
        h.raw("<button type=\"submit\">Filter</button> <a href=\"/export/hosts.csv?").text(query)
                .raw("\">Export CSV</a></form>");
        h.raw("<p class=\"muted\">").text(page.total()).raw(" hosts</p>");
        hostTable(h, page.items());
        pager(h, "/hosts", query, page);
        return end(h);
    }

    public String host(FleetQueries.HostDetail d) {
        HostRow r = d.host();
        HtmlWriter h = page("Host " + r.hostname());
        h.raw("<h1>").text(r.hostname()).raw(" <span class=\"level ").text(levelName(r.level())).raw("\">")
                .text(levelName(r.level())).raw("</span></h1>");
        h.raw("<table><tbody>");
        row(h, "Host id", r.hostId());
        row(h, "OS", r.osName() == null ? r.osFamily() : r.osName());
        row(h, "Architecture", r.arch());
        row(h, "Profile", r.profile());
        row(h, "Agent", r.agentVersion());
        row(h, "First seen", r.firstSeen());
        row(h, "Last seen", r.lastSeen() + (r.stale() ? " (stale)" : ""));
        row(h, "Kaspersky installed", r.kasperskyInstalled() ? "yes" : "no");
        row(h, "Kaspersky first seen", r.kasperskyFirstSeen());
        row(h, "Kaspersky removed", r.kasperskyRemovedAt());
        row(h, "Software", r.softwareCount());
        h.raw("</tbody></table>");

        h.raw("<h2>Findings</h2>");
        findingTable(h, d.findings(), false);

        h.raw("<h2>Security products</h2><table><thead><tr><th>Vendor</th><th>Product</th><th>Version</th><th>Kind</th>"
                + "<th>Enabled</th><th>Up to date</th><th>Signatures</th></tr></thead><tbody>");
        for (FleetQueries.ProductRow p : d.securityProducts()) {
            h.raw("<tr><td>").text(p.vendor()).raw("</td><td>").text(p.product()).raw("</td><td>").text(p.version())
                    .raw("</td><td>").text(p.kind()).raw("</td><td>").text(yesNo(p.enabled())).raw("</td><td>")
                    .text(yesNo(p.upToDate())).raw("</td><td>").text(p.signaturesUpdatedAt()).raw("</td></tr>");
        }
        h.raw("</tbody></table>");

        h.raw("<h2>History</h2><table><thead><tr><th>When</th><th>Event</th><th>From</th><th>To</th><th>Report</th>"
                + "</tr></thead><tbody>");
        for (FleetQueries.HistoryRow e : d.history()) {
            h.raw("<tr><td>").text(e.at()).raw("</td><td>").text(e.event()).raw("</td><td>").text(e.fromLevel())
                    .raw("</td><td>").text(e.toLevel()).raw("</td><td><code>").text(e.reportId()).raw("</code></td></tr>");
        }
        h.raw("</tbody></table>");

        h.raw("<h2>Software (").text(d.software().size()).raw(")</h2><table><thead><tr><th>Name</th><th>Version</th>"
                + "<th>Publisher</th><th>Source</th><th>Arch</th><th>Scope</th></tr></thead><tbody>");
        for (FleetQueries.SoftwareRow s : d.software()) {
            h.raw("<tr><td>").text(s.name()).raw("</td><td>").text(s.version()).raw("</td><td>").text(s.publisher())
                    .raw("</td><td>").text(s.source()).raw("</td><td>").text(s.arch()).raw("</td><td>").text(s.scope())
                    .raw("</td></tr>");
        }
        h.raw("</tbody></table>");
        return end(h);
    }

    public String findings(Page<FindingRow> page, String level, String query) {
        HtmlWriter h = page("Findings");
        h.raw("<h1>Findings</h1><form class=\"filters\" method=\"get\" action=\"/findings\"><label>Level"
                + "<select name=\"level\"><option value=\"\">any</option>");
        for (String l : LEVELS.subList(0, 4)) {
            h.raw("<option value=\"").text(l).raw("\"").raw(l.equals(level) ? " selected" : "").raw(">").text(l.toLowerCase())
                    .raw("</option>");
        }
        h.raw("</select></label><button type=\"submit\">Filter</button> <a href=\"/export/findings.csv\">Export CSV</a>"
                + "</form><p class=\"muted\">").text(page.total()).raw(" findings</p>");
        findingTable(h, page.items(), true);
        pager(h, "/findings", query, page);
        return end(h);
    }

    // ---- pieces ----

    private void hostTable(HtmlWriter h, List<HostRow> rows) {
        h.raw("<table><thead><tr><th>Host</th><th>Level</th><th>OS</th><th>Profile</th><th>Kaspersky</th>"
                + "<th>Next deadline</th><th>Last seen</th><th class=\"num\">Software</th><th class=\"num\">Findings</th>"
                + "</tr></thead><tbody>");
        for (HostRow r : rows) {
            h.raw("<tr><td><a href=\"/hosts/").text(url(r.hostId())).raw("\">").text(r.hostname()).raw("</a></td>")
                    .raw("<td class=\"level ").text(levelName(r.level())).raw("\">").text(levelName(r.level()))
                    .raw("</td><td>").text(r.osName() == null ? r.osFamily() : r.osName()).raw("</td><td>")
                    .text(r.profile()).raw("</td><td>").text(r.kasperskyInstalled() ? "installed" : "-")
                    .raw("</td><td>").text(r.nextDeadline()).raw("</td><td>").text(r.lastSeen())
                    .raw(r.stale() ? " <span class=\"muted\">(stale)</span>" : "").raw("</td><td class=\"num\">")
                    .text(r.softwareCount()).raw("</td><td class=\"num\">").text(r.findingCount()).raw("</td></tr>");
        }
        if (rows.isEmpty()) {
            h.raw("<tr><td colspan=\"9\" class=\"muted\">No hosts.</td></tr>");
        }
        h.raw("</tbody></table>");
    }

    private void findingTable(HtmlWriter h, List<FindingRow> rows, boolean withHost) {
        h.raw("<table><thead><tr>").raw(withHost ? "<th>Host</th>" : "").raw("<th>Level</th><th>Product</th>"
                + "<th>Presence</th><th>Milestone</th><th>Deadline</th><th class=\"num\">Days left</th><th>Why</th>"
                + "<th>Evidence</th></tr></thead><tbody>");
        for (FindingRow f : rows) {
            h.raw("<tr>");
            if (withHost) {
                h.raw("<td><a href=\"/hosts/").text(url(f.hostId())).raw("\">").text(f.hostname()).raw("</a></td>");
            }
            h.raw("<td class=\"level ").text(f.level()).raw("\">").text(f.level()).raw("</td><td>").text(f.product())
                    .raw("</td><td>").text(f.presence()).raw("</td><td>").text(f.milestone()).raw("</td><td>")
                    .text(f.deadline()).raw("</td><td class=\"num\">").text(f.daysLeft()).raw("</td><td>")
                    .text(f.message()).raw("<br>");
            link(h, f.citationUrl(), f.citationTitle());
            h.raw("</td><td class=\"evidence\">").text(evidence(f.evidence())).raw("</td></tr>");
        }
        if (rows.isEmpty()) {
            h.raw("<tr><td colspan=\"9\" class=\"muted\">No findings.</td></tr>");
        }
        h.raw("</tbody></table>");
    }

    private static void pager(HtmlWriter h, String path, String query, Page<?> page) {
        long pages = Math.max(1, (page.total() + page.size() - 1) / page.size());
        String base = query.replaceAll("(^|&)page=[^&]*", "");
        h.raw("<div class=\"pager\">");
        if (page.page() > 1) {
            h.raw("<a href=\"").text(path + "?" + join(base, "page=" + (page.page() - 1))).raw("\">previous</a>");
        }
        h.raw("<span>page ").text(page.page()).raw(" of ").text(pages).raw("</span>");
        if (page.page() < pages) {
            h.raw("<a href=\"").text(path + "?" + join(base, "page=" + (page.page() + 1))).raw("\">next</a>");
        }
        h.raw("</div>");
    }

    private static String join(String query, String param) {
        String q = query.replaceAll("^&+|&+$", "");
        return q.isEmpty() ? param : q + "&" + param;
    }

    private static void link(HtmlWriter h, String url, String text) {
        // Only web links become links: a rule pack could carry a javascript: URL.
        if (url != null && (url.startsWith("https://") || url.startsWith("http://"))) {
            h.raw("<a rel=\"noopener noreferrer\" href=\"").text(url).raw("\">").text(text).raw("</a>");
        } else {
            h.text(text);
        }
    }

    private static void row(HtmlWriter h, String name, Object value) {
        h.raw("<tr><th>").text(name).raw("</th><td>").text(value == null ? "-" : value).raw("</td></tr>");
    }

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
        } catch (java.io.IOException e) {
            return evidenceJson;
        }
    }

    private static String levelName(String level) {
        return level == null ? "CLEAN" : level;
    }

    private static String yesNo(Boolean b) {
        return b == null ? "?" : b ? "yes" : "no";
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HtmlWriter page(String title) {
        HtmlWriter h = head(title);
        h.raw("<header><a class=\"brand\" href=\"/\">banwatch</a><a href=\"/\">Summary</a><a href=\"/hosts\">Hosts</a>"
                + "<a href=\"/findings\">Findings</a><a href=\"/hosts?stale=1\">Stale hosts</a>"
                + "<a href=\"/export/hosts.csv\">hosts.csv</a><a href=\"/export/findings.csv\">findings.csv</a>"
                + "<form method=\"post\" action=\"/logout\"><button type=\"submit\">Sign out</button></form></header><main>");
        return h;
    }

    private static HtmlWriter head(String title) {
        return new HtmlWriter().raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .text(title).raw(" - banwatch</title><link rel=\"stylesheet\" href=\"/static/banwatch.css\"></head><body>");
    }

    private static String end(HtmlWriter h) {
        return h.raw("</main></body></html>").toString();
    }
}
