package io.banwatch.collector.web;

import io.banwatch.collector.db.SortColumns;

import java.util.Set;

/**
 * A sortable table's header cells: each column's name is a link that sorts the list by it
 * (ascending first, the other way when it is already sorted so), and the sorted column says so
 * with {@code aria-sort}. The other filters stay; the page goes back to the first.
 */
final class SortLinks {
    private final String path;
    private final String query;
    private final SortColumns.Sort current;
    private final String defaultColumn;

    /**
     * @param query         the request's query string ("" for none)
     * @param defaultColumn the column the list's default order follows (ascending), or null
     */
    SortLinks(String path, String query, SortColumns.Sort current, String defaultColumn) {
        this.path = path;
        this.query = QueryString.without(query, Set.of("sort", "dir", "page"));
        this.current = current;
        this.defaultColumn = defaultColumn;
    }

    /** @param css the cell's class, or null */
    void th(HtmlWriter h, String column, String label, String css) {
        String sorted = current.column() != null ? current.column() : defaultColumn;
        boolean descending = current.column() != null && current.descending();
        boolean isSorted = column.equals(sorted);
        h.raw("<th");
        if (css != null) {
            h.raw(" class=\"").text(css).raw("\"");
        }
        if (isSorted) {
            h.raw(" aria-sort=\"").raw(descending ? "descending" : "ascending").raw("\"");
        }
        String dir = isSorted && !descending ? "desc" : "asc";
        h.raw("><a class=\"sort\" href=\"").text(path + "?" + QueryString.with(QueryString.with(query, "sort", column),
                "dir", dir)).raw("\">").text(label);
        if (isSorted) {
            h.raw(descending ? " <span aria-hidden=\"true\">&#9660;</span>" : " <span aria-hidden=\"true\">&#9650;</span>");
        }
        h.raw("</a></th>");
    }

    /** The query string without paging, sort kept: for an export of the same list in the same order. */
    static String exportQuery(String query) {
        return QueryString.without(query, Set.of("page", "size"));
    }
}
