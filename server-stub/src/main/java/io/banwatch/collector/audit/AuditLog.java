package io.banwatch.collector.audit;

import io.banwatch.collector.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The record of every change an administrator makes. A change and its entry are written in one
 * transaction ({@link #record(Connection, Actor, String, String, String)}), so the log can neither
 * miss a change nor show one that was rolled back.
 *
 * <pre>{@code
 * db.transaction(c -> {
 *     retire(c, hostId);
 *     audit.record(c, actor, "host.retire", hostId, "retired ws-0042");
 *     return null;
 * });
 * }</pre>
 */
public final class AuditLog {
    private static final int MAX_DETAIL = 4000;

    private final Database db;
    private final Clock clock;

    public AuditLog(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** One change. */
    public record Entry(long id, long at, Actor actor, String action, String subject, String detail) {
    }

    /** Records a change inside the caller's transaction. */
    public void record(Connection c, Actor actor, String action, String subject, String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (at, actor_kind, actor_name,"
                + " actor_token_id, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, clock.millis());
            ps.setString(2, actor.kind());
            ps.setString(3, truncate(actor.name(), 200));
            if (actor.tokenId() == null) {
                ps.setNull(4, Types.BIGINT);
            } else {
                ps.setLong(4, actor.tokenId());
            }
            ps.setString(5, action);
            ps.setString(6, truncate(subject, 255));
            ps.setString(7, truncate(detail, MAX_DETAIL));
            ps.executeUpdate();
        }
    }

    /** Records a change that is its own transaction. */
    public void record(Actor actor, String action, String subject, String detail) {
        db.transaction(c -> {
            record(c, actor, action, subject, detail);
            return null;
        });
    }

    /** The newest entries first, at most {@code limit}, older than {@code beforeId} when it is given. */
    public List<Entry> recent(int limit, Long beforeId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + (beforeId == null ? "" : " WHERE id < ?")
                    + " ORDER BY id DESC LIMIT ?")) {
                int i = 1;
                if (beforeId != null) {
                    ps.setLong(i++, beforeId);
                }
                ps.setInt(i, Math.max(1, Math.min(limit, 1000)));
                return entries(ps);
            }
        });
    }

    /** Entries between two times (epoch ms, {@code from} inclusive, {@code to} exclusive), oldest first. */
    public List<Entry> between(long from, long to) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(COLUMNS + " WHERE at >= ? AND at < ? ORDER BY id")) {
                ps.setLong(1, from);
                ps.setLong(2, to);
                return entries(ps);
            }
        });
    }

    static final String COLUMNS = "SELECT id, at, actor_kind, actor_name, actor_token_id, action, subject,"
            + " detail FROM audit_log";

    private static List<Entry> entries(PreparedStatement ps) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(entry(rs));
            }
        }
        return out;
    }

    /** The entry on the result's current row, read with {@link #COLUMNS}. */
    static Entry entry(ResultSet rs) throws SQLException {
        long token = rs.getLong(5);
        Long tokenId = rs.wasNull() ? null : token;
        return new Entry(rs.getLong(1), rs.getLong(2), new Actor(rs.getString(3), rs.getString(4), tokenId),
                rs.getString(6), rs.getString(7), rs.getString(8));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
