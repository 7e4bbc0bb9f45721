package io.banwatch.collector.api;

import io.banwatch.collector.db.Like;
import io.banwatch.model.Verdict;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The WHERE clause a {@link HostFilter} or {@link FindingFilter} means, with its parameters.
 *
 * @param sql    {@code ""}, or {@code " WHERE ..."} with a leading space
 * @param params the values of its placeholders, in order (String or Long)
 */
record HostWhere(String sql, List<Object> params) {

    /** On the hosts table, unaliased. */
    static HostWhere of(HostFilter f, long staleBefore) {
        Clauses w = new Clauses();
        if (f.level() == Verdict.CLEAN) {
            w.add("level IS NULL");
        } else if (f.level() != null) {
            w.add("level = ?", f.level().name());
        }
        if (f.profile() != null) {
            w.add("profile = ?", f.profile());
        }
        if (f.kaspersky()) {
            w.add("kaspersky_installed = 1");
        }
        if (f.product() != null) {
            w.add("EXISTS (SELECT 1 FROM findings pf WHERE pf.host_pk = hosts.pk AND pf.product = ?)", f.product());
        }
        if (f.milestone() != null) {
            w.add("EXISTS (SELECT 1 FROM findings mf WHERE mf.host_pk = hosts.pk AND mf.milestone = ?)", f.milestone());
        }
        hostClauses(w, "", f.search(), f.stale(), f.retired(), staleBefore);
        return w.where();
    }

    /** On findings {@code f} joined with their hosts {@code h}. */
    static HostWhere of(FindingFilter f, long staleBefore) {
        Clauses w = new Clauses();
        if (f.level() != null) {
            w.add("f.level = ?", f.level().name());
        }
        if (f.profile() != null) {
            w.add("f.profile = ?", f.profile());
        }
        if (f.product() != null) {
            w.add("f.product = ?", f.product());
        }
        if (f.milestone() != null) {
            w.add("f.milestone = ?", f.milestone());
        }
        hostClauses(w, "h.", f.search(), f.stale(), f.retired(), staleBefore);
        return w.where();
    }

    private static void hostClauses(Clauses w, String alias, String search, boolean stale, RetiredFilter retired,
                                    long staleBefore) {
        if (search != null) {
            String like = Like.containing(search);
            w.add("(LOWER(" + alias + "hostname) LIKE ?" + Like.ESCAPE + " OR LOWER(" + alias + "host_id) LIKE ?"
                    + Like.ESCAPE + ")", like, like);
        }
        if (stale) {
            w.add(alias + "last_seen < ?", staleBefore);
        }
        String r = retired.sql(alias);
        if (r != null) {
            w.add(r);
        }
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

    private static final class Clauses {
        private final List<String> clauses = new ArrayList<>();
        private final List<Object> params = new ArrayList<>();

        void add(String clause, Object... values) {
            clauses.add(clause);
            params.addAll(List.of(values));
        }

        HostWhere where() {
            return new HostWhere(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), List.copyOf(params));
        }
    }
}
