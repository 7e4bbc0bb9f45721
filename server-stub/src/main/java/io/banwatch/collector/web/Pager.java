package io.banwatch.collector.web;

import io.banwatch.collector.api.Page;

/** Previous and next links under a paged list, keeping the list's other query parameters. */
final class Pager {
    private Pager() {
    }

    /**
     * @param path  the list's path
     * @param query the request's query string, without the {@code ?} ("" for none)
     */
    static void render(HtmlWriter h, String path, String query, Page<?> page) {
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
}
