package io.banwatch.collector.audit;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Like;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The audit log as administrators read it: newest first, filtered by action and actor, a page
 * at a time for the dashboard and the API, or all of it for the CSV export.
 */
public final class AuditQueries {
    private final Database db;

    public AuditQueries(Database db) {
        this.db = db;
    }

    /** One page of the entries and how many match in all. */
    public record Listing(long total, List<AuditLog.Entry> items) {
        public Listing {
            items = List.copyOf(items);
        }
    }

    public Listing page(AuditFilter filter, int offset, int limit) {
        Where w = Where.of(filter);
        return db.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_log" + w.sql)) {
                w.bind(ps);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<AuditLog.Entry> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(AuditLog.COLUMNS + w.sql
                    + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
                int i = w.bind(ps);
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(AuditLog.entry(rs));
                    }
                }
            }
            return new Listing(total, items);
        });
    }

    /** Every matching entry, newest first, one at a time (the export). */
    public void each(AuditFilter filter, Consumer<AuditLog.Entry> sink) {
        Where w = Where.of(filter);
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(AuditLog.COLUMNS + w.sql + " ORDER BY id DESC")) {
                w.bind(ps);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(AuditLog.entry(rs));
                    }
                }
            }
            return null;
        });
    }

    /** The actions the log holds, for the filter's choices. */
    public List<String> actions() {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT action FROM audit_log ORDER BY action");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    private record Where(String sql, String action, String actor) {
        static Where of(AuditFilter f) {
            List<String> terms = new ArrayList<>();
            if (f.action() != null) {
                terms.add("action = ?");
            }
            if (f.actor() != null) {
                terms.add("LOWER(actor_name) LIKE ?" + Like.ESCAPE);
            }
            return new Where(terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms), f.action(),
                    f.actor() == null ? null : Like.containing(f.actor()));
        }

        /** Binds the terms from the first parameter; returns the next parameter's index. */
        int bind(PreparedStatement ps) throws SQLException {
            int i = 1;
            if (action != null) {
                ps.setString(i++, action);
            }
            if (actor != null) {
                ps.setString(i++, actor);
            }
            return i;
        }
    }
}
