package io.banwatch.collector.web;

import io.banwatch.collector.api.HostRow;
import io.banwatch.collector.lifecycle.HostRetirement;

/** The confirmation before a host is retired, with the reason to give. */
final class RetireHostPage {
    /** @param error why the last try was refused, or null */
    String render(PageContext who, HostRow r, String error) {
        HtmlWriter h = Layout.page(who, "Retire " + r.hostname(), Nav.HOSTS);
        String base = "/hosts/" + Cells.url(r.hostId());
        h.raw("<h1>Retire ").text(r.hostname()).raw("?</h1><div class=\"empty\"><p>Retire <strong>").text(r.hostname())
                .raw("</strong> (<code>").text(r.hostId()).raw("</code>, now ");
        Cells.badge(h, r.level());
        h.raw(")? Do this for a machine that is gone: decommissioned, wiped, lost. It leaves the counts, the lists,"
                + " the charts and the exports at once; its history is kept, it is listed under the Retired filter and in"
                + " audit reports, and it comes back by itself if it reports again.</p>");
        if (error != null) {
            h.raw("<p class=\"error\" role=\"alert\">").text(error).raw("</p>");
        }
        h.raw("<form method=\"post\" action=\"").text(base).raw("/retire\">");
        Layout.csrfField(h, who.csrf());
        h.raw("<label class=\"block\">Reason (for the audit log)<input name=\"reason\" maxlength=\"")
                .text(HostRetirement.MAX_REASON).raw("\" placeholder=\"decommissioned, disk wiped\"></label>"
                        + "<p><button class=\"primary danger\" type=\"submit\">Retire host</button> <a class=\"button\" href=\"")
                .text(base).raw("\">Cancel</a></p></form></div>");
        return Layout.end(h);
    }
}
