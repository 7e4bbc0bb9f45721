package io.banwatch.collector.web;

import io.banwatch.collector.auth.Role;
import io.banwatch.collector.auth.TokenStore.Info;

/** The confirmation before a token is revoked. */
final class RevokeTokenPage {
    /** @param own the token is the one the admin is signed in with */
    String render(PageContext who, Info t, boolean own) {
        HtmlWriter h = Layout.page(who, "Revoke token " + t.id(), Nav.TOKENS);
        h.raw("<h1>Revoke token ").text(t.id()).raw("?</h1><div class=\"empty\"><p>Revoke <strong>").text(t.name())
                .raw("</strong> (").text(t.role().jsonName()).raw(")? It stops working at once, on every collector,"
                        + " and its dashboard sessions end. This cannot be undone.</p>");
        if (t.role() == Role.HOST) {
            h.raw("<p>The agent on <code>").text(t.hostId()).raw("</code> cannot send reports until it enrolls again.</p>");
        }
        if (own) {
            h.raw("<p class=\"error\">This is the token you are signed in with: revoking it signs you out.</p>");
        }
        h.raw("<form method=\"post\" action=\"/admin/tokens/").text(t.id()).raw("/revoke\">");
        Layout.csrfField(h, who.csrf());
        h.raw("<button class=\"primary danger\" type=\"submit\">Revoke</button> <a class=\"button\" href=\"/admin/tokens\">"
                + "Cancel</a></form></div>");
        return Layout.end(h);
    }
}
