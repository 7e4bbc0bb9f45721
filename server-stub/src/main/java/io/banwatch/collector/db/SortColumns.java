package io.banwatch.collector.db;

import io.banwatch.collector.http.ApiError;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The columns a list may be sorted by: a fixed map from the names a request may give to the SQL
 * expressions they stand for, so a request's text never reaches the SQL. Every order ends with
 * the list's own unique key, so pages do not overlap or skip rows however many rows tie, and an
 * absent value (NULL) sorts last in both directions, on SQLite and PostgreSQL alike.
 *
 * <pre>{@code
 * SortColumns hosts = SortColumns.of("hostname, host_id", "host", "LOWER(hostname)", "last_seen", "last_seen");
 * String sql = "... ORDER BY " + hosts.orderBy(hosts.parse("last_seen", "desc"), DEFAULT_ORDER);
 * }</pre>
 */
public final class SortColumns {
    private final Map<String, String> columns;
    private final String tiebreak;

    private SortColumns(Map<String, String> columns, String tiebreak) {
        this.columns = columns;
        this.tiebreak = tiebreak;
    }

    /**
     * @param tiebreak    the SQL that makes the order total (a unique key), appended to every order
     * @param keysAndSql  pairs of a request's column name and its SQL expression
     */
    public static SortColumns of(String tiebreak, String... keysAndSql) {
        if (keysAndSql.length % 2 != 0) {
            throw new IllegalArgumentException("column names and SQL come in pairs");
        }
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSql.length; i += 2) {
            m.put(keysAndSql[i], keysAndSql[i + 1]);
        }
        return new SortColumns(m, tiebreak);
    }

    /**
     * A requested order.
     *
     * @param column     a name from the map, or null for the list's default order
     * @param descending the direction
     */
    public record Sort(String column, boolean descending) {
        public static final Sort DEFAULT = new Sort(null, false);

        /** The {@code dir} value of this order, for links. */
        public String dir() {
            return descending ? "desc" : "asc";
        }
    }

    public Set<String> names() {
        return columns.keySet();
    }

    /**
     * Validates {@code sort} and {@code dir} (asc or desc; asc when absent).
     *
     * @throws ApiError 400 for a column or direction that is not one of these
     */
    public Sort parse(String sort, String dir) {
        String column = sort == null || sort.isBlank() ? null : sort.strip().toLowerCase(Locale.ROOT);
        if (column != null && !columns.containsKey(column)) {
            throw ApiError.badRequest("invalid_sort", "sort must be one of " + String.join(", ", columns.keySet())
                    + ", not '" + sort + "'");
        }
        String d = dir == null || dir.isBlank() ? "asc" : dir.strip().toLowerCase(Locale.ROOT);
        if (!d.equals("asc") && !d.equals("desc")) {
            throw ApiError.badRequest("invalid_sort", "dir must be asc or desc, not '" + dir + "'");
        }
        return new Sort(column, d.equals("desc"));
    }

    /** The ORDER BY list (without the keywords): the chosen column, else {@code defaultOrder}, then the tiebreak. */
    public String orderBy(Sort sort, String defaultOrder) {
        if (sort == null || sort.column() == null) {
            return defaultOrder + ", " + tiebreak;
        }
        String sql = columns.get(sort.column());
        return "(" + sql + ") IS NULL, " + sql + (sort.descending() ? " DESC" : " ASC") + ", " + tiebreak;
    }
}
