package io.banwatch.collector.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.api.FleetQueries;
import io.banwatch.collector.api.FleetQueries.DayCount;
import io.banwatch.collector.api.FleetQueries.FindingRow;
import io.banwatch.collector.api.FleetQueries.HostRow;
import io.banwatch.collector.api.HostFilter;
import io.banwatch.collector.api.Page;
import io.banwatch.model.Level;
import io.banwatch.model.Verdict;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The compliance officer's pages, rendered on the server with every value escaped. */
public final class DashboardPages {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> EVENTS = Map.of("first-seen", "first report",
            "kaspersky-appeared", "Kaspersky appeared", "kaspersky-removed", "Kaspersky removed",
            "level", "level changed");

    /** Which header link is the current page. */
    private enum Nav { SUMMARY, HOSTS, FINDINGS, STALE }

    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param tokenCommand the command that issues a viewer token for this collector's database,
     *                     with the flags that point it there
     */
    public String login(String error, String tokenCommand) {
        HtmlWriter h = head("Sign in");
        h.raw("<main class=\"login\"><div class=\"panel\"><h1>banwatch</h1>"
                + "<p class=\"muted\">Kaspersky ban compliance for your fleet. Sign in with a viewer or admin token.</p>");
        if (error != null) {
            h.raw("<p class=\"error\" role=\"alert\">").text(error).raw("</p>");
        }
        h.raw("<form method=\"post\" action=\"/login\"><label for=\"token\">Token</label>"
                + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" autofocus required>"
                + "<button class=\"primary\" type=\"submit\">Sign in</button></form>"
                + "<p class=\"muted small\">An admin issues tokens on the collector with<br><code>");
        h.text(tokenCommand).raw("</code></p></div>");
        return end(h);
    }

    public String summary(FleetQueries.Summary s, List<DayCount> chart, Page<HostRow> worst) {
        HtmlWriter h = page("Fleet summary", Nav.SUMMARY);
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
                    .raw("</span>stale (no report in ").text(s.staleDays()).raw(" days)</a></div>");

            h.raw("<h2>Hosts with Kaspersky installed, last ").text(chart.size()).raw(" days</h2>");
            Chart.render(h, chart);
        }

        h.raw("<h2>Milestones</h2><div class=\"scroll\"><table><thead><tr><th>Date</th><th>Milestone</th>"
                + "<th>Instrument</th><th>Status</th><th class=\"num\">Hosts under it</th></tr></thead><tbody>");
        for (FleetQueries.Deadline d : s.deadlines()) {
            h.raw("<tr><td class=\"nowrap\">").text(d.date()).raw("</td><td>").text(d.title()).raw("</td><td>");
            link(h, d.url(), d.citation());
            h.raw("</td><td class=\"nowrap\">").text(d.passed() ? "passed" : "ahead").raw("</td><td class=\"num\">")
                    .text(d.hosts()).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");

        if (!s.byProfile().isEmpty()) {
            h.raw("<h2>Hosts by profile</h2><div class=\"scroll fit\"><table><thead><tr><th>Profile</th>"
                    + "<th class=\"num\">Hosts</th></tr></thead><tbody>");
            for (Map.Entry<String, Long> e : s.byProfile().entrySet()) {
                h.raw("<tr><td><a href=\"/hosts?profile=").text(url(e.getKey())).raw("\">").text(e.getKey())
                        .raw("</a></td><td class=\"num\">").text(e.getValue()).raw("</td></tr>");
            }
            h.raw("</tbody></table></div>");
        }
        if (s.hosts() > 0) {
            h.raw("<h2>Most serious hosts</h2>");
            hostTable(h, worst.items(), "No hosts.");
            if (worst.total() > worst.items().size()) {
                h.raw("<p><a href=\"/hosts\">All ").text(worst.total()).raw(" hosts</a></p>");
            }
        }
        return end(h);
    }

    public String hosts(Page<HostRow> page, HostFilter f, Set<String> profiles, String query) {
        HtmlWriter h = page("Hosts", f.stale() ? Nav.STALE : Nav.HOSTS);
        h.raw("<h1>Hosts</h1><form class=\"filters\" method=\"get\" action=\"/hosts\">");
        h.raw("<label>Level<select name=\"level\"><option value=\"\">any</option>");
        for (Verdict v : Verdict.values()) {
            String l = v.name().toLowerCase();
            h.raw("<option value=\"").text(l).raw("\"").raw(v == f.level() ? " selected" : "").raw(">").text(l)
                    .raw("</option>");
        }
        h.raw("</select></label><label>Profile<select name=\"profile\"><option value=\"\">any</option>");
        for (String p : profiles) {
            h.raw("<option value=\"").text(p).raw("\"").raw(p.equals(f.profile()) ? " selected" : "").raw(">").text(p)
                    .raw("</option>");
        }
        h.raw("</select></label><label>Search<input name=\"q\" value=\"").text(f.search() == null ? "" : f.search())
                .raw("\" placeholder=\"hostname or id\"></label>");
        h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"stale\" value=\"1\"").raw(f.stale() ? " checked" : "")
                .raw("> Stale</label>");
        h.raw("<label class=\"check\"><input type=\"checkbox\" name=\"kaspersky\" value=\"1\"")
                .raw(f.kaspersky() ? " checked" : "").raw("> Kaspersky installed</label>");
        h.raw("<button class=\"primary\" type=\"submit\">Filter</button>");
        if (filtered(f)) {
            h.raw("<a class=\"button\" href=\"/hosts\">Clear</a>");
        }
        h.raw("<a class=\"button export\" href=\"/export/hosts.csv?").text(query).raw("\">Export CSV</a></form>");
        h.raw("<p class=\"muted\">").text(count(page.total(), "host", "hosts")).raw("</p>");
        hostTable(h, page.items(), filtered(f) ? "No hosts match these filters." : "No host has reported yet.");
        pager(h, "/hosts", query, page);
        return end(h);
    }

    public String host(FleetQueries.HostDetail d) {
        HostRow r = d.host();
        HtmlWriter h = page("Host " + r.hostname(), Nav.HOSTS);
        h.raw("<h1>").text(r.hostname()).raw(" ");
        badge(h, r.level());
        h.raw("</h1>");
        h.raw("<div class=\"scroll fit\"><table class=\"kv\"><tbody>");
        row(h, "Host id", r.hostId());
        row(h, "OS", r.osName() == null ? r.osFamily() : r.osName());
        row(h, "Architecture", r.arch());
        row(h, "Profile", r.profile());
        row(h, "Agent", r.agentVersion());
        timeRow(h, "First seen", r.firstSeen(), null);
        timeRow(h, "Last seen", r.lastSeen(), r.stale() ? "stale" : null);
        row(h, "Kaspersky installed", r.kasperskyInstalled() ? "yes" : "no");
        timeRow(h, "Kaspersky first seen", r.kasperskyFirstSeen(), null);
        timeRow(h, "Kaspersky removed", r.kasperskyRemovedAt(), null);
        row(h, "Next deadline", r.nextDeadline());
        row(h, "Software", r.softwareCount());
        if (r.errorCount() > 0) {
            row(h, "Scan errors", r.errorCount() + " in the last report (some sources could not be read)");
        }
        h.raw("</tbody></table></div>");
        scanErrors(h, r, d.scanErrors());

        h.raw("<h2>Findings (").text(d.findings().size()).raw(")</h2>");
        boolean incomplete = d.scanErrors().stream().anyMatch(FleetQueries.ScanErrorRow::primary);
        findingTable(h, d.findings(), false, incomplete ? "No findings in what the last scan could read."
                : "No findings on this host.");

        h.raw("<h2>Security products (").text(d.securityProducts().size()).raw(")</h2><div class=\"scroll\"><table><thead>"
                + "<tr><th>Vendor</th><th>Product</th><th>Version</th><th>Kind</th><th>Enabled</th><th>Up to date</th>"
                + "<th>Signatures</th></tr></thead><tbody>");
        for (FleetQueries.ProductRow p : d.securityProducts()) {
            h.raw("<tr><td class=\"long\">").text(p.vendor()).raw("</td><td class=\"long\">").text(p.product())
                    .raw("</td><td class=\"long\">");
            cell(h, p.version());
            h.raw("</td><td>").text(p.kind()).raw("</td><td>").text(yesNo(p.enabled())).raw("</td><td>")
                    .text(yesNo(p.upToDate())).raw("</td><td class=\"nowrap\">");
            when(h, p.signaturesUpdatedAt());
            h.raw("</td></tr>");
        }
        if (d.securityProducts().isEmpty()) {
            h.raw("<tr><td colspan=\"7\" class=\"muted\">No antivirus, EDR or firewall product reported.</td></tr>");
        }
        h.raw("</tbody></table></div>");

        h.raw("<h2>History</h2><div class=\"scroll\"><table><thead><tr><th>When</th><th>Event</th><th>From</th><th>To</th>"
                + "<th>Report</th></tr></thead><tbody>");
        for (FleetQueries.HistoryRow e : d.history()) {
            h.raw("<tr><td class=\"nowrap\">");
            when(h, e.at());
            h.raw("</td><td>").text(EVENTS.getOrDefault(e.event(), e.event())).raw("</td><td>");
            // A host's first report has no level before it: none, not CLEAN.
            if ("level".equals(e.event()) && e.fromLevel() == null) {
                cell(h, null);
            } else {
                levelCell(h, e.event(), e.fromLevel());
            }
            h.raw("</td><td>");
            levelCell(h, e.event(), e.toLevel());
            h.raw("</td><td><code>").text(e.reportId()).raw("</code></td></tr>");
        }
        h.raw("</tbody></table></div>");

        h.raw("<h2>Software (").text(d.software().size()).raw(")</h2><div class=\"scroll\"><table><thead><tr><th>Name</th>"
                + "<th>Version</th><th>Publisher</th><th>Source</th><th>Arch</th><th>Scope</th></tr></thead><tbody>");
        for (FleetQueries.SoftwareRow s : d.software()) {
            h.raw("<tr><td class=\"long\">").text(s.name()).raw("</td><td class=\"long\">");
            cell(h, s.version());
            h.raw("</td><td class=\"long\">");
            cell(h, s.publisher());
            h.raw("</td><td>").text(s.source()).raw("</td><td>");
            cell(h, s.arch());
            h.raw("</td><td>");
            cell(h, s.scope());
            h.raw("</td></tr>");
        }
        if (d.software().isEmpty()) {
            h.raw("<tr><td colspan=\"6\" class=\"muted\">No software reported.</td></tr>");
        }
        h.raw("</tbody></table></div>");
        return end(h);
    }

    /** The page for a host id nobody knows (a stale link, a typo). */
    public String hostNotFound(String hostId) {
        HtmlWriter h = page("Host not found", Nav.HOSTS);
        h.raw("<h1>Host not found</h1><div class=\"empty\"><p>No host has the id <code>").text(hostId)
                .raw("</code>. The link may be mistyped, or the host has never reported to this collector.</p>"
                        + "<p><a href=\"/hosts\">All hosts</a></p></div>");
        return end(h);
    }

    /** A request the dashboard cannot answer, such as a filter that is not valid. */
    public String problem(String title, String message) {
        HtmlWriter h = page(title, null);
        h.raw("<h1>").text(title).raw("</h1><div class=\"empty\"><p class=\"error\">").text(message)
                .raw("</p><p><a href=\"/\">Fleet summary</a></p></div>");
        return end(h);
    }

    /** @param level the finding level filtered on, or null */
    public String findings(Page<FindingRow> page, Level level, String query) {
        HtmlWriter h = page("Findings", Nav.FINDINGS);
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
                .text(count(page.total(), "finding", "findings")).raw("</p>");
        findingTable(h, page.items(), true, level == null ? "No findings: no host has anything the rules look for."
                : "No findings at level " + level + ".");
        pager(h, "/findings", query, page);
        return end(h);
    }

    // ---- pieces ----

    private void hostTable(HtmlWriter h, List<HostRow> rows, String empty) {
        h.raw("<div class=\"scroll\"><table><thead><tr><th>Host</th><th>Level</th><th>OS</th><th>Profile</th>"
                + "<th>Kaspersky</th><th>Next deadline</th><th>Last seen</th><th class=\"num\">Software</th>"
                + "<th class=\"num\">Findings</th></tr></thead><tbody>");
        for (HostRow r : rows) {
            h.raw("<tr><td class=\"name\"><a href=\"/hosts/").text(url(r.hostId())).raw("\">").text(r.hostname())
                    .raw("</a></td><td>");
            badge(h, r.level());
            h.raw("</td><td>").text(r.osName() == null ? r.osFamily() : r.osName()).raw("</td><td>");
            cell(h, r.profile());
            h.raw("</td><td>").raw(r.kasperskyInstalled() ? "<strong>installed</strong>" : "<span class=\"muted\">no</span>")
                    .raw("</td><td class=\"nowrap\">");
            cell(h, r.nextDeadline());
            h.raw("</td><td class=\"nowrap\">");
            when(h, r.lastSeen());
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

    private void findingTable(HtmlWriter h, List<FindingRow> rows, boolean withHost, String empty) {
        int columns = withHost ? 8 : 7;
        h.raw("<div class=\"scroll\"><table class=\"findings\"><thead><tr>").raw(withHost ? "<th>Host</th>" : "")
                .raw("<th>Level</th><th>Product</th><th>Presence</th><th>Milestone</th><th>Date</th>"
                        + "<th>Why</th><th>Evidence</th></tr></thead><tbody>");
        for (FindingRow f : rows) {
            h.raw("<tr>");
            if (withHost) {
                h.raw("<td class=\"name\"><a href=\"/hosts/").text(url(f.hostId())).raw("\">").text(f.hostname())
                        .raw("</a></td>");
            }
            h.raw("<td>");
            badge(h, f.level());
            h.raw("</td><td class=\"product\">").text(f.product());
            if ("notice".equals(f.kind())) {
                h.raw(" <span class=\"tag\">notice</span>");
            }
            h.raw("</td><td>").text(f.presence()).raw("</td><td>");
            if (f.milestone() == null) {
                cell(h, null);
            } else {
                h.raw("<code>").text(f.milestone()).raw("</code>");
            }
            h.raw("</td><td class=\"nowrap\">");
            milestoneDate(h, f);
            h.raw("</td><td class=\"why\">").text(f.message()).raw("<br><span class=\"small\">");
            link(h, f.citationUrl(), f.citationTitle());
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
                h.raw("<br><span class=\"small\">").text(count(f.daysLeft(), "day", "days")).raw(" left</span>");
            }
        } else if (f.since() != null) {
            h.text(Verdict.VIOLATION.name().equals(f.level()) ? "prohibited since " : "since ").text(f.since());
        } else {
            cell(h, null);
        }
    }

    /** The sources the last scan could not read; a primary one makes the scan incomplete, and says so first. */
    private static void scanErrors(HtmlWriter h, HostRow r, List<FleetQueries.ScanErrorRow> errors) {
        List<FleetQueries.ScanErrorRow> primary = errors.stream().filter(FleetQueries.ScanErrorRow::primary).toList();
        if (!primary.isEmpty()) {
            h.raw("<div class=\"incomplete\" role=\"status\"><p><strong>Incomplete scan:</strong> the last scan could not"
                    + " read ");
            for (int i = 0; i < primary.size(); i++) {
                h.raw(i == 0 ? "" : i == primary.size() - 1 ? " and " : ", ").raw("<code>").text(primary.get(i).source())
                        .raw("</code>");
            }
            h.raw(", so finding nothing there proves nothing.");
            if (Verdict.INCOMPLETE.name().equals(r.level())) {
                h.raw(" Nothing worse was found in what it could read.");
            }
            h.raw("</p></div>");
        }
        if (errors.isEmpty()) {
            return;
        }
        h.raw("<h2>Scan errors (").text(errors.size()).raw(")</h2><div class=\"scroll\"><table><thead><tr><th>Source</th>"
                + "<th>Primary</th><th>What went wrong</th></tr></thead><tbody>");
        for (FleetQueries.ScanErrorRow e : errors) {
            h.raw("<tr><td><code>").text(e.source()).raw("</code></td><td>").text(e.primary() ? "yes" : "no")
                    .raw("</td><td class=\"long\">").text(e.message()).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }

    private static void pager(HtmlWriter h, String path, String query, Page<?> page) {
        long pages = Math.max(1, (page.total() + page.size() - 1) / page.size());
        if (pages == 1 && page.page() == 1) {
            return;
        }
        String base = query.replaceAll("(^|&)page=[^&]*", "");
        h.raw("<nav class=\"pager\" aria-label=\"pages\">");
        if (page.page() > 1) {
            h.raw("<a class=\"button\" href=\"").text(path + "?" + join(base, "page=" + (page.page() - 1)))
                    .raw("\">previous</a>");
        }
        h.raw("<span>page ").text(page.page()).raw(" of ").text(pages).raw("</span>");
        if (page.page() < pages) {
            h.raw("<a class=\"button\" href=\"").text(path + "?" + join(base, "page=" + (page.page() + 1)))
                    .raw("\">next</a>");
        }
        h.raw("</nav>");
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
        h.raw("<tr><th>").text(name).raw("</th><td>");
        cell(h, value);
        h.raw("</td></tr>");
    }

    private static void timeRow(HtmlWriter h, String name, String iso, String tag) {
        h.raw("<tr><th>").text(name).raw("</th><td>");
        when(h, iso);
        if (tag != null) {
            h.raw(" <span class=\"tag\">").text(tag).raw("</span>");
        }
        h.raw("</td></tr>");
    }

    /** A value, or a muted dash when there is none. */
    private static void cell(HtmlWriter h, Object value) {
        if (value == null || value.toString().isBlank()) {
            h.raw("<span class=\"muted\">&mdash;</span>");
        } else {
            h.text(value);
        }
    }

    /** An instant as "2026-11-24 10:00 UTC" (the exact value in the datetime attribute); anything else as it is. */
    private static void when(HtmlWriter h, String iso) {
        if (iso == null || iso.isBlank()) {
            cell(h, null);
            return;
        }
        try {
            String shown = WHEN.format(Instant.parse(iso));
            h.raw("<time datetime=\"").text(iso).raw("\">").text(shown).raw("</time>");
        } catch (DateTimeParseException e) {
            h.text(iso);
        }
    }

    private static void badge(HtmlWriter h, String level) {
        String l = levelName(level);
        h.raw("<span class=\"badge ").text(l).raw("\">").text(l).raw("</span>");
    }

    /** A history row's levels are badges; other events have none. */
    private static void levelCell(HtmlWriter h, String event, String level) {
        if ("level".equals(event)) {
            badge(h, level);
        }
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

    private static boolean filtered(HostFilter f) {
        return f.level() != null || f.profile() != null || f.search() != null || f.stale() || f.kaspersky();
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String levelName(String level) {
        return level == null ? Verdict.CLEAN.name() : level;
    }

    private static String yesNo(Boolean b) {
        return b == null ? "unknown" : b ? "yes" : "no";
    }

    private static String url(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static HtmlWriter page(String title, Nav current) {
        HtmlWriter h = head(title);
        h.raw("<header><a class=\"brand\" href=\"/\">banwatch</a><nav aria-label=\"dashboard\">");
        navLink(h, "/", "Summary", current == Nav.SUMMARY);
        navLink(h, "/hosts", "Hosts", current == Nav.HOSTS);
        navLink(h, "/findings", "Findings", current == Nav.FINDINGS);
        navLink(h, "/hosts?stale=1", "Stale hosts", current == Nav.STALE);
        h.raw("</nav><div class=\"tools\"><span>Export</span><a href=\"/export/hosts.csv\">hosts.csv</a>"
                + "<a href=\"/export/findings.csv\">findings.csv</a><form method=\"post\" action=\"/logout\">"
                + "<button type=\"submit\">Sign out</button></form></div></header><main>");
        return h;
    }

    private static void navLink(HtmlWriter h, String href, String label, boolean current) {
        h.raw("<a href=\"").text(href).raw("\"").raw(current ? " aria-current=\"page\"" : "").raw(">").text(label)
                .raw("</a>");
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
