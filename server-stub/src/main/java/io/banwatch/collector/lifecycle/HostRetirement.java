package io.banwatch.collector.lifecycle;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Params;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.ingest.SoftwareIndexMarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * Retiring a host (a decommissioned machine) and bringing it back by hand. A retired host leaves
 * the fleet's counts, lists, charts and exports, keeps its history, and returns by itself when it
 * reports a scan made after its retirement. Each change is one transaction with its history row
 * and its audit-log entry.
 */
public final class HostRetirement {
    public static final String RETIRE = "host.retire";
    public static final String UNRETIRE = "host.unretire";
    /** The history events; a host that returns by reporting gets {@link #UNRETIRED} too, with the report's id. */
    public static final String RETIRED = "retired";
    public static final String UNRETIRED = "unretired";
    public static final int MAX_REASON = 500;

    private final Database db;
    private final AuditLog audit;
    private final Clock clock;

    public HostRetirement(Database db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * A host's retirement, or its absence.
     *
     * @param retiredAt when, ISO-8601; null when the host is not retired
     * @param retiredBy who, as the audit log describes them
     * @param reason    why, or null
     */
    public record State(String hostId, String hostname, String retiredAt, String retiredBy, String reason) {
    }

    /**
     * Retires an active host.
     *
     * @param reason why (at most {@value #MAX_REASON} characters), or null
     * @throws ApiError 404 for an unknown host, 409 for one already retired, 400 for a long reason
     */
    public State retire(Actor actor, String hostId, String reason) {
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw ApiError.badRequest("invalid_reason", "a reason is at most " + MAX_REASON + " characters");
        }
        long now = clock.millis();
        return db.transaction(c -> {
            Row row = lock(c, hostId);
            if (row.retiredAt() != null) {
                throw new ApiError(409, "already_retired", "host " + hostId + " is already retired (since "
                        + Instant.ofEpochMilli(row.retiredAt()) + ")");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET retired_at = ?, retired_by = ?,"
                    + " retired_reason = ? WHERE pk = ?")) {
                ps.setLong(1, now);
                ps.setString(2, Params.cut(actor.describe(), 200));
                Params.setString(ps, 3, why);
                ps.setLong(4, row.pk());
                ps.executeUpdate();
            }
            history(c, row.pk(), now, RETIRED);
            SoftwareIndexMarks.changed(c, row.pk());
            audit.record(c, actor, RETIRE, hostId, row.hostname() + (why == null ? "" : "; reason: " + why));
            return new State(hostId, row.hostname(), Instant.ofEpochMilli(now).toString(), actor.describe(), why);
        });
    }

    /**
     * Brings a retired host back by hand.
     *
     * @throws ApiError 404 for an unknown host, 409 for one that is not retired
     */
    public State unretire(Actor actor, String hostId) {
        long now = clock.millis();
        return db.transaction(c -> {
            Row row = lock(c, hostId);
            if (row.retiredAt() == null) {
                throw new ApiError(409, "not_retired", "host " + hostId + " is not retired");
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET retired_at = NULL, retired_by = NULL,"
                    + " retired_reason = NULL WHERE pk = ?")) {
                ps.setLong(1, row.pk());
                ps.executeUpdate();
            }
            history(c, row.pk(), now, UNRETIRED);
            SoftwareIndexMarks.changed(c, row.pk());
            audit.record(c, actor, UNRETIRE, hostId, row.hostname() + "; retired since "
                    + Instant.ofEpochMilli(row.retiredAt()));
            return new State(hostId, row.hostname(), null, null, null);
        });
    }

    private record Row(long pk, String hostname, Long retiredAt) {
    }

    /** The host's row, locked against a report applied at the same moment (PostgreSQL). */
    private Row lock(Connection c, String hostId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pk, hostname, retired_at FROM hosts WHERE host_id = ?"
                + db.dialect().forUpdate())) {
            ps.setString(1, hostId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw ApiError.notFound("no host with id " + hostId);
                }
                return new Row(rs.getLong(1), rs.getString(2), Params.getLong(rs, 3));
            }
        }
    }

    private static void history(Connection c, long hostPk, long at, String event) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_history (host_pk, at, event, from_level,"
                + " to_level, report_id) VALUES (?, ?, ?, NULL, NULL, NULL)")) {
            ps.setLong(1, hostPk);
            ps.setLong(2, at);
            ps.setString(3, event);
            ps.executeUpdate();
        }
    }
}
