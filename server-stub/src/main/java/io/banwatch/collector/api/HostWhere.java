package io.banwatch.collector.api;

import io.banwatch.collector.db.Like;
import io.banwatch.model.Verdict;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause a {@link HostFilter} means on the hosts table, with its parameters.
 *
 * @param sql    {@code ""}, or {@code " WHERE ..."} with a leading space
 * @param params the values of its placeholders, in order (String or Long)
 */
record HostWhere(String sql, List<Object> params) {

    static HostWhere of(HostFilter f, long staleBefore) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (f.level() == Verdict.CLEAN) {
            clauses.add("level IS NULL");
        } else if (f.level() != null) {
            clauses.add("level = ?");
            params.add(f.level().name());
        }
        if (f.profile() != null) {
            clauses.add("profile = ?");
            params.add(f.profile());
        }
        if (f.search() != null) {
            String like = Like.containing(f.search());
            clauses.add("(LOWER(hostname) LIKE ?" + Like.ESCAPE + " OR LOWER(host_id) LIKE ?" + Like.ESCAPE + ")");
            params.add(like);
            params.add(like);
        }
        if (f.stale()) {
            clauses.add("last_seen < ?");
            params.add(staleBefore);
        }
        if (f.kaspersky()) {
            clauses.add("kaspersky_installed = 1");
        }
        return new HostWhere(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), List.copyOf(params));
    }

    /** Binds the parameters from placeholder {@code from} on; returns the next placeholder's index. */
    int bind(PreparedStatement ps, int from) throws SQLException {
        int i = from;
        for (Object p : params) {
            if (p instanceof Long l) {
                ps.setLong(i++, l);
            } else {
                ps.setString(i++, (String) p);
            }
        }
        return i;
    }
}
