package io.banwatch.collector.web;

/** A request the dashboard cannot answer, such as a filter that is not valid. */
final class ProblemPage {
    String render(PageContext who, String title, String message) {
        HtmlWriter h = Layout.page(who, title, null);
        h.raw("<h1>").text(title).raw("</h1><div class=\"empty\"><p class=\"error\">").text(message)
                .raw("</p><p><a href=\"/\">Fleet summary</a></p></div>");
        return Layout.end(h);
    }
}
