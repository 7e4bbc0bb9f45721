package io.banwatch.collector.web;

/** The frame every page shares: the document head, the header with its navigation, and the end. */
final class Layout {
    private Layout() {
    }

    /** The document up to {@code <body>}: a page without the header (sign-in) starts here. */
    static HtmlWriter head(String title) {
        return new HtmlWriter().raw("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .text(title).raw(" - banwatch</title><link rel=\"stylesheet\" href=\"/static/banwatch.css\"></head><body>");
    }

    /**
     * A dashboard page up to its content: the head, the header and an open {@code <main>}.
     *
     * @param who     who is signed in: the header names them and carries their sign-out form
     * @param current the header link to mark as this page, or null for none
     */
    static HtmlWriter page(PageContext who, String title, Nav current) {
        HtmlWriter h = head(title);
        h.raw("<header><a class=\"brand\" href=\"/\">banwatch</a><nav aria-label=\"dashboard\">");
        navLink(h, "/", "Summary", current == Nav.SUMMARY);
        navLink(h, "/hosts", "Hosts", current == Nav.HOSTS);
        navLink(h, "/findings", "Findings", current == Nav.FINDINGS);
        navLink(h, "/software", "Software", current == Nav.SOFTWARE);
        navLink(h, "/hosts?stale=1", "Stale hosts", current == Nav.STALE);
        // issue 13 A: the compliance officer's audit report
        navLink(h, "/reports/audit", "Audit report", current == Nav.REPORTS);
        if (who.admin()) {
            navLink(h, "/admin/tokens", "Tokens", current == Nav.TOKENS);
            navLink(h, "/admin/rules", "Rules", current == Nav.RULES);
            navLink(h, "/admin/audit", "Audit log", current == Nav.AUDIT);
        }
        h.raw("</nav><div class=\"tools\"><span>Export</span><a href=\"/export/hosts.csv\">hosts.csv</a>"
                + "<a href=\"/export/findings.csv\">findings.csv</a><span class=\"who\">").text(who.name())
                .raw(" <span class=\"role\">").text(who.role().jsonName()).raw("</span></span>");
        if (who.csrf() != null) {
            h.raw("<form method=\"post\" action=\"/logout\">");
            csrfField(h, who.csrf());
            h.raw("<button type=\"submit\">Sign out</button></form>");
        }
        h.raw("</div></header><main>");
        return h;
    }

    /** The hidden field that carries a form's CSRF token. */
    static void csrfField(HtmlWriter h, String csrf) {
        h.raw("<input type=\"hidden\" name=\"").text(CsrfGuard.FIELD).raw("\" value=\"").text(csrf).raw("\">");
    }

    /** Closes what {@link #page} or {@link #head} opened, and returns the document. */
    static String end(HtmlWriter h) {
        return h.raw("</main></body></html>").toString();
    }

    private static void navLink(HtmlWriter h, String href, String label, boolean current) {
        h.raw("<a href=\"").text(href).raw("\"").raw(current ? " aria-current=\"page\"" : "").raw(">").text(label)
                .raw("</a>");
    }
}
