package io.banwatch.collector.web;

/** The sign-in form. */
final class LoginPage {
    /**
     * @param error        what went wrong with the last attempt, or null
     * @param tokenCommand the command that issues a viewer token for this collector's database,
     *                     with the flags that point it there
     * @param formToken    the value the form repeats from its double-submit cookie
     */
    String render(String error, String tokenCommand, String formToken) {
        HtmlWriter h = Layout.head("Sign in");
        h.raw("<main class=\"login\"><div class=\"panel\"><h1>banwatch</h1>"
                + "<p class=\"muted\">Kaspersky ban compliance for your fleet. Sign in with a viewer or admin token.</p>");
        if (error != null) {
            h.raw("<p class=\"error\" role=\"alert\">").text(error).raw("</p>");
        }
        h.raw("<form method=\"post\" action=\"/login\">");
        Layout.csrfField(h, formToken);
        h.raw("<label for=\"token\">Token</label>"
                + "<input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"off\" autofocus required>"
                + "<button class=\"primary\" type=\"submit\">Sign in</button></form>"
                + "<p class=\"muted small\">An admin issues tokens on the collector with<br><code>");
        h.text(tokenCommand).raw("</code></p></div>");
        return Layout.end(h);
    }
}
