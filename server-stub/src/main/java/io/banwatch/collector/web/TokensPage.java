package io.banwatch.collector.web;

import io.banwatch.collector.api.Page;
import io.banwatch.collector.auth.TokenStore.Info;
import io.banwatch.collector.db.SortColumns;

import java.time.Instant;

/**
 * The admins' list of tokens, with the form that creates one. It lists viewer and admin tokens,
 * or host tokens when asked: a fleet has thousands of those.
 */
final class TokensPage {
    /**
     * What the page shows.
     *
     * @param tokens     this page of the list
     * @param hostTokens the list is of host tokens (else of viewer and admin tokens)
     * @param search     the search on name or host id, or null
     * @param otherCount how many tokens the other list has
     * @param query      the request's query string ("" for none), for the pager
     * @param notice     what the last action did, or null
     * @param error      why the create form was refused, or null
     * @param name       the name the refused create form had, or null
     * @param sort       the list's order
     */
    record View(Page<Info> tokens, boolean hostTokens, String search, long otherCount, String query, String notice,
                String error, String name, SortColumns.Sort sort) {
    }

    String render(PageContext who, View v) {
        HtmlWriter h = Layout.page(who, "Tokens", Nav.TOKENS);
        h.raw("<h1>Tokens</h1>");
        if (v.notice() != null) {
            h.raw("<p class=\"notice\" role=\"status\">").text(v.notice()).raw("</p>");
        }
        h.raw("<h2>New token</h2>");
        if (v.error() != null) {
            h.raw("<p class=\"error\" role=\"alert\">").text(v.error()).raw("</p>");
        }
        h.raw("<form class=\"filters\" method=\"post\" action=\"/admin/tokens\">");
        Layout.csrfField(h, who.csrf());
        h.raw("<label>Name<input name=\"name\" required maxlength=\"200\" value=\"").text(v.name() == null ? "" : v.name())
                .raw("\" placeholder=\"who or what it is for\"></label><label>Role<select name=\"role\">"
                        + "<option value=\"viewer\">viewer: reads everything</option>"
                        + "<option value=\"admin\">admin: also manages tokens</option></select></label>"
                        + "<button class=\"primary\" type=\"submit\">Create token</button></form>"
                        + "<p class=\"muted small\">Hosts get their tokens by enrolling, not here.</p>");

        String list = v.hostTokens() ? "/admin/tokens?kind=host" : "/admin/tokens";
        h.raw("<h2>").text(v.hostTokens() ? "Host tokens" : "Viewer and admin tokens").raw("</h2>");
        h.raw("<form class=\"filters\" method=\"get\" action=\"/admin/tokens\">");
        if (v.hostTokens()) {
            h.raw("<input type=\"hidden\" name=\"kind\" value=\"host\">");
        }
        h.raw("<label>Search<input name=\"q\" value=\"").text(v.search() == null ? "" : v.search())
                .raw("\" placeholder=\"name or host id\"></label><button class=\"primary\" type=\"submit\">Filter</button>");
        if (v.search() != null) {
            h.raw("<a class=\"button\" href=\"").text(list).raw("\">Clear</a>");
        }
        h.raw("<a class=\"button export\" href=\"").text(v.hostTokens() ? "/admin/tokens" : "/admin/tokens?kind=host")
                .raw("\">").text(v.hostTokens() ? "Viewer and admin tokens (" : "Host tokens (").text(v.otherCount())
                .raw(")</a></form>");
        h.raw("<p class=\"muted\">").text(Cells.count(v.tokens().total(), "token", "tokens")).raw("</p>");

        h.raw("<div class=\"scroll\"><table><thead><tr>");
        SortLinks sort = new SortLinks("/admin/tokens", v.query(), v.sort(), null);
        sort.th(h, "id", "Id", "num");
        sort.th(h, "name", "Name", null);
        sort.th(h, "role", "Role", null);
        sort.th(h, "host", "Host", null);
        sort.th(h, "created", "Created", null);
        sort.th(h, "last_used", "Last used", null);
        sort.th(h, "status", "Status", null);
        h.raw("<th></th></tr></thead><tbody>");
        for (Info t : v.tokens().items()) {
            h.raw("<tr><td class=\"num\">").text(t.id()).raw("</td><td class=\"long\">").text(t.name()).raw("</td><td>")
                    .text(t.role().jsonName()).raw("</td><td class=\"long\">");
            Cells.cell(h, t.hostId());
            h.raw("</td><td class=\"nowrap\">");
            Cells.when(h, iso(t.createdAt()));
            h.raw("</td><td class=\"nowrap\">");
            Cells.when(h, iso(t.lastUsedAt()));
            h.raw("</td><td class=\"nowrap\">");
            if (t.revokedAt() == null) {
                h.raw("active</td><td><a href=\"/admin/tokens/").text(t.id()).raw("/revoke\">Revoke</a>");
            } else {
                h.raw("revoked ");
                Cells.when(h, iso(t.revokedAt()));
                h.raw("</td><td>");
            }
            h.raw("</td></tr>");
        }
        if (v.tokens().items().isEmpty()) {
            h.raw("<tr><td colspan=\"8\" class=\"muted\">").text(v.search() != null ? "No tokens match this search."
                    : v.hostTokens() ? "No host has enrolled yet." : "No viewer or admin tokens.").raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        Pager.render(h, "/admin/tokens", v.query(), v.tokens());
        return Layout.end(h);
    }

    static String iso(Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
    }
}
