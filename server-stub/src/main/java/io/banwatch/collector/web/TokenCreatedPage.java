package io.banwatch.collector.web;

import io.banwatch.collector.auth.TokenStore.Issued;

/** The one time a new token's secret is shown. */
final class TokenCreatedPage {
    String render(PageContext who, Issued t) {
        HtmlWriter h = Layout.page(who, "Token created", Nav.TOKENS);
        h.raw("<h1>Token created</h1><div class=\"secret\" role=\"status\"><p><strong>Copy this token now: it is shown"
                + " only this once.</strong> The collector keeps only its hash and cannot show it again. Whoever has it"
                + " can sign in as <strong>").text(t.name()).raw("</strong> (").text(t.role().jsonName())
                .raw("), so hand it over as you would a password.</p><p><code id=\"new-token\">").text(t.token())
                .raw("</code></p></div><div class=\"scroll fit\"><table class=\"kv\"><tbody><tr><th>Id</th><td>")
                .text(t.id()).raw("</td></tr><tr><th>Name</th><td>").text(t.name()).raw("</td></tr><tr><th>Role</th><td>")
                .text(t.role().jsonName()).raw("</td></tr></tbody></table></div>"
                        + "<p><a href=\"/admin/tokens\">Back to tokens</a></p>");
        return Layout.end(h);
    }
}
