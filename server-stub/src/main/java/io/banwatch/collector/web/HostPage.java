package io.banwatch.collector.web;

import io.banwatch.collector.api.HostDetailQueries.HistoryRow;
import io.banwatch.collector.api.HostDetailQueries.HostDetail;
import io.banwatch.collector.api.HostDetailQueries.ProductRow;
import io.banwatch.collector.api.HostDetailQueries.ScanErrorRow;
import io.banwatch.collector.api.HostDetailQueries.SoftwareRow;
import io.banwatch.collector.api.HostRow;
import io.banwatch.model.Verdict;

import java.util.List;
import java.util.Map;

/** One host: its facts, scan errors, findings, security products, history and software. */
final class HostPage {
    private static final Map<String, String> EVENTS = Map.of("first-seen", "first report",
            "kaspersky-appeared", "Kaspersky appeared", "kaspersky-removed", "Kaspersky removed",
            "level", "level changed", "retired", "retired", "unretired", "back in service");

    private final FindingTable findings;

    HostPage(FindingTable findings) {
        this.findings = findings;
    }

    /** Packages per page of a host's software table: a host with 850 packages was one 174 KB table. */
    static final int SOFTWARE_PAGE = 100;

    /**
     * @param search part of a package's name or publisher to show only those, or null
     * @param page   the software table's page, from 1
     */
    String render(PageContext who, HostDetail d, String search, int page) {
        HostRow r = d.host();
        HtmlWriter h = Layout.page(who, "Host " + r.hostname(), Nav.HOSTS);
        h.raw("<h1>").text(r.hostname()).raw(" ");
        Cells.badge(h, r.level());
        if (r.retiredAt() != null) {
            h.raw(" <span class=\"tag\">retired</span>");
        }
        h.raw("</h1>");
        retirement(h, who, r);
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
        boolean incomplete = d.scanErrors().stream().anyMatch(ScanErrorRow::primary);
        findings.render(h, d.findings(), false, incomplete ? "No findings in what the last scan could read."
                : "No findings on this host.", null);

        h.raw("<h2>Security products (").text(d.securityProducts().size()).raw(")</h2><div class=\"scroll\"><table><thead>"
                + "<tr><th>Vendor</th><th>Product</th><th>Version</th><th>Kind</th><th>Enabled</th><th>Up to date</th>"
                + "<th>Signatures</th></tr></thead><tbody>");
        for (ProductRow p : d.securityProducts()) {
            h.raw("<tr><td class=\"long\">").text(p.vendor()).raw("</td><td class=\"long\">").text(p.product())
                    .raw("</td><td class=\"long\">");
            Cells.cell(h, p.version());
            h.raw("</td><td>").text(p.kind()).raw("</td><td>").text(Cells.yesNo(p.enabled())).raw("</td><td>")
                    .text(Cells.yesNo(p.upToDate())).raw("</td><td class=\"nowrap\">");
            Cells.when(h, p.signaturesUpdatedAt());
            h.raw("</td></tr>");
        }
        if (d.securityProducts().isEmpty()) {
            h.raw("<tr><td colspan=\"7\" class=\"muted\">No antivirus, EDR or firewall product reported.</td></tr>");
        }
        h.raw("</tbody></table></div>");

        h.raw("<h2>History</h2><div class=\"scroll\"><table><thead><tr><th>When</th><th>Event</th><th>From</th><th>To</th>"
                + "<th>Report</th></tr></thead><tbody>");
        for (HistoryRow e : d.history()) {
            h.raw("<tr><td class=\"nowrap\">");
            Cells.when(h, e.at());
            h.raw("</td><td>").text(EVENTS.getOrDefault(e.event(), e.event())).raw("</td><td>");
            // A host's first report has no level before it: none, not CLEAN.
            if ("level".equals(e.event()) && e.fromLevel() == null) {
                Cells.cell(h, null);
            } else {
                levelCell(h, e.event(), e.fromLevel());
            }
            h.raw("</td><td>");
            levelCell(h, e.event(), e.toLevel());
            h.raw("</td><td>");
            if (e.reason() != null) {
                h.raw("<span class=\"reason\">").text(e.reason()).raw("</span>");
            } else if (e.reportId() == null) {
                h.raw("<span class=\"muted\">by an admin</span>");
            } else {
                h.raw("<code>").text(e.reportId()).raw("</code>");
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");

        software(h, r.hostId(), d.software(), search, page);
        return Layout.end(h);
    }

    /** The host's software, searched and a page at a time (the search and the page are query parameters). */
    private static void software(HtmlWriter h, String hostId, List<SoftwareRow> all, String search, int page) {
        String q = search == null ? null : search.toLowerCase(java.util.Locale.ROOT);
        List<SoftwareRow> matching = q == null ? all : all.stream().filter(s -> s.name().toLowerCase(java.util.Locale.ROOT)
                .contains(q) || (s.publisher() != null && s.publisher().toLowerCase(java.util.Locale.ROOT).contains(q)))
                .toList();
        int from = Math.min(matching.size(), (page - 1) * SOFTWARE_PAGE);
        List<SoftwareRow> shown = matching.subList(from, Math.min(matching.size(), from + SOFTWARE_PAGE));
        String base = "/hosts/" + Cells.url(hostId);
        h.raw("<h2 id=\"software\">Software (").text(all.size()).raw(")</h2><form class=\"filters\" method=\"get\" action=\"")
                .text(base).raw("#software\"><label>Search<input name=\"sq\" value=\"").text(search == null ? "" : search)
                .raw("\" placeholder=\"name or publisher\"></label><button class=\"primary\" type=\"submit\">Search</button>");
        if (search != null) {
            h.raw("<a class=\"button\" href=\"").text(base).raw("#software\">Clear</a>");
        }
        h.raw("</form>");
        if (search != null) {
            h.raw("<p class=\"muted\">").text(Cells.count(matching.size(), "package matches", "packages match")).raw("</p>");
        }
        h.raw("<div class=\"scroll\"><table><thead><tr><th>Name</th>"
                + "<th>Version</th><th>Publisher</th><th>Source</th><th>Arch</th><th>Scope</th></tr></thead><tbody>");
        for (SoftwareRow s : shown) {
            h.raw("<tr><td class=\"long\">").text(s.name()).raw("</td><td class=\"long\">");
            Cells.cell(h, s.version());
            h.raw("</td><td class=\"long\">");
            Cells.cell(h, s.publisher());
            h.raw("</td><td>").text(s.source()).raw("</td><td>");
            Cells.cell(h, s.arch());
            h.raw("</td><td>");
            Cells.cell(h, s.scope());
            h.raw("</td></tr>");
        }
        if (shown.isEmpty()) {
            h.raw("<tr><td colspan=\"6\" class=\"muted\">").text(search == null ? "No software reported."
                    : "No package matches.").raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        String query = search == null ? "" : "sq=" + Cells.url(search);
        Pager.render(h, base, query, new io.banwatch.collector.api.Page<>(matching.size(), page, SOFTWARE_PAGE, shown));
    }

    /**
     * A retired host says so first, with who, when and why; an admin gets the button that retires
     * a host in service (after a confirmation page) or brings a retired one back.
     */
    private static void retirement(HtmlWriter h, PageContext who, HostRow r) {
        String base = "/hosts/" + Cells.url(r.hostId());
        if (r.retiredAt() != null) {
            h.raw("<div class=\"notice retired\" role=\"status\"><p><strong>Retired</strong> ");
            Cells.when(h, r.retiredAt());
            h.raw(" by ").text(r.retiredBy() == null ? "an admin" : r.retiredBy());
            if (r.retiredReason() != null) {
                h.raw(": ").text(r.retiredReason());
            }
            h.raw(". It is left out of the counts, lists, charts and exports, and comes back by itself when it reports"
                    + " again.</p>");
            if (who.admin() && who.csrf() != null) {
                h.raw("<form method=\"post\" action=\"").text(base).raw("/unretire\">");
                Layout.csrfField(h, who.csrf());
                h.raw("<button type=\"submit\">Bring back into service</button></form>");
            }
            h.raw("</div>");
        } else if (who.admin()) {
            h.raw("<p><a class=\"button danger\" href=\"").text(base).raw("/retire\">Retire this host</a></p>");
        }
    }

    /** The page for a host id nobody knows (a stale link, a typo). */
    String notFound(PageContext who, String hostId) {
        HtmlWriter h = Layout.page(who, "Host not found", Nav.HOSTS);
        h.raw("<h1>Host not found</h1><div class=\"empty\"><p>No host has the id <code>").text(hostId)
                .raw("</code>. The link may be mistyped, or the host has never reported to this collector.</p>"
                        + "<p><a href=\"/hosts\">All hosts</a></p></div>");
        return Layout.end(h);
    }

    /** The sources the last scan could not read; a primary one makes the scan incomplete, and says so first. */
    private static void scanErrors(HtmlWriter h, HostRow r, List<ScanErrorRow> errors) {
        List<ScanErrorRow> primary = errors.stream().filter(ScanErrorRow::primary).toList();
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
        for (ScanErrorRow e : errors) {
            h.raw("<tr><td><code>").text(e.source()).raw("</code></td><td>").text(e.primary() ? "yes" : "no")
                    .raw("</td><td class=\"long\">").text(e.message()).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }

    private static void row(HtmlWriter h, String name, Object value) {
        h.raw("<tr><th>").text(name).raw("</th><td>");
        Cells.cell(h, value);
        h.raw("</td></tr>");
    }

    private static void timeRow(HtmlWriter h, String name, String iso, String tag) {
        h.raw("<tr><th>").text(name).raw("</th><td>");
        Cells.when(h, iso);
        if (tag != null) {
            h.raw(" <span class=\"tag\">").text(tag).raw("</span>");
        }
        h.raw("</td></tr>");
    }

    /** A history row's levels are badges; other events have none. */
    private static void levelCell(HtmlWriter h, String event, String level) {
        if ("level".equals(event)) {
            Cells.badge(h, level);
        }
    }
}
