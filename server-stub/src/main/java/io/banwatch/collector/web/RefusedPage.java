package io.banwatch.collector.web;

/**
 * A form refused before any handler ran (its CSRF token was missing or wrong). It names nobody and
 * offers no form: the request that led here may not have come from this collector's own pages.
 */
final class RefusedPage {
    /**
     * @param back     where to go on from here
     * @param backText what that link says
     */
    String render(String message, String back, String backText) {
        HtmlWriter h = Layout.head("Request refused");
        h.raw("<main class=\"login\"><div class=\"panel\"><h1>Request refused</h1><p class=\"error\" role=\"alert\">")
                .text(message).raw("</p><p><a href=\"").text(back).raw("\">").text(backText).raw("</a></p></div>");
        return Layout.end(h);
    }
}
