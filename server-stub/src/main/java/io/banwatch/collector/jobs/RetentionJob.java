package io.banwatch.collector.jobs;

import io.banwatch.collector.config.ServerConfig;
import io.banwatch.collector.db.Database;

import java.sql.PreparedStatement;
import java.time.Duration;

/**
 * Deletes what has aged out, so that a fleet of a fixed size keeps a database of a fixed size:
 * old reports (never a host's latest, nor the raw copy of its current inventory, which later
 * unchanged reports point back to), the raw JSON of reports sooner, old history, old alerts,
 * long-revoked tokens, and dashboard sessions that have ended. Current state (hosts, their
 * software links, findings) is replaced in place by ingest and needs no retention.
 *
 * <p>Not deleted: rows of the shared software catalogue. They grow only with new package
 * versions, not with reports, and every collector caches their ids (see SoftwareIds), so a
 * catalogue row deleted by one collector could be linked again from another's cache.
 *
 * <p>Each statement deletes at most {@value #CHUNK} rows in its own short transaction, so a
 * first run over years of data never holds locks that stall ingest.
 */
public final class RetentionJob implements PeriodicJob {
    static final int CHUNK = 1000;
    private static final long DAY_MS = Duration.ofDays(1).toMillis();

    /** The report that holds the raw copy of its host's current inventory: the newest with that hash and a raw. */
    private static final String CURRENT_RAW = "(r.raw IS NOT NULL"
            + " AND EXISTS (SELECT 1 FROM hosts h WHERE h.pk = r.host_pk AND h.inventory_hash = r.inventory_hash)"
            + " AND NOT EXISTS (SELECT 1 FROM reports n WHERE n.host_pk = r.host_pk"
            + " AND n.inventory_hash = r.inventory_hash AND n.raw IS NOT NULL AND n.received_at > r.received_at))";

    private static final String DROP_RAW = "UPDATE reports SET raw = NULL WHERE report_id IN (SELECT r.report_id"
            + " FROM reports r WHERE r.raw IS NOT NULL AND r.received_at < ? AND NOT " + CURRENT_RAW + " LIMIT " + CHUNK + ")";
    private static final String DELETE_REPORTS = "DELETE FROM reports WHERE report_id IN (SELECT r.report_id"
            + " FROM reports r WHERE r.received_at < ?"
            + " AND NOT EXISTS (SELECT 1 FROM hosts h WHERE h.last_report_id = r.report_id)"
            + " AND NOT " + CURRENT_RAW + " LIMIT " + CHUNK + ")";
    private static final String DELETE_HISTORY = "DELETE FROM host_history WHERE id IN (SELECT id FROM host_history"
            + " WHERE at < ? LIMIT " + CHUNK + ")";
    /** Undelivered ones too: without a webhook nothing is ever delivered, and a year-old alert is news to nobody. */
    private static final String DELETE_ALERTS = "DELETE FROM alerts WHERE id IN (SELECT id FROM alerts"
            + " WHERE created_at < ? LIMIT " + CHUNK + ")";
    private static final String DELETE_TOKENS = "DELETE FROM tokens WHERE id IN (SELECT id FROM tokens"
            + " WHERE revoked_at < ? LIMIT " + CHUNK + ")";
    /** Past the absolute expiry, idle for longer than sessions may be, or signed in with a revoked token. */
    private static final String DELETE_SESSIONS = "DELETE FROM dashboard_sessions WHERE id IN (SELECT s.id"
            + " FROM dashboard_sessions s WHERE s.expires_at <= ? OR s.last_seen_at <= ?"
            + " OR NOT EXISTS (SELECT 1 FROM tokens t WHERE t.id = s.token_id AND t.revoked_at IS NULL)"
            + " LIMIT " + CHUNK + ")";

    private final Database db;
    private final ServerConfig.Retention retention;
    private final ServerConfig.Sessions sessions;

    public RetentionJob(Database db, ServerConfig.Retention retention, ServerConfig.Sessions sessions) {
        this.db = db;
        this.retention = retention;
        this.sessions = sessions;
    }

    @Override
    public String name() {
        return "retention";
    }

    @Override
    public Duration every() {
        return Duration.ofHours(1);
    }

    @Override
    public Duration maxRun() {
        return Duration.ofHours(1);
    }

    @Override
    public String run(long now) {
        long raw = chunked(DROP_RAW, now - retention.rawDays() * DAY_MS);
        long reports = chunked(DELETE_REPORTS, now - retention.reportDays() * DAY_MS);
        long historyCutoff = now - retention.historyDays() * DAY_MS;
        long history = chunked(DELETE_HISTORY, historyCutoff);
        long alerts = chunked(DELETE_ALERTS, historyCutoff);
        long tokens = chunked(DELETE_TOKENS, historyCutoff);
        long ended = chunked(DELETE_SESSIONS, now, now - sessions.idle().toMillis());
        return "deleted " + reports + " reports, " + history + " history events, " + alerts + " alerts, " + tokens
                + " revoked tokens, " + ended + " ended sessions; dropped " + raw + " raw reports";
    }

    /** Runs a bounded statement until it finds nothing more; returns the rows it touched. */
    private long chunked(String sql, long... cutoffs) {
        long total = 0;
        while (true) {
            int n = db.retryingTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    for (int i = 0; i < cutoffs.length; i++) {
                        ps.setLong(i + 1, cutoffs[i]);
                    }
                    return ps.executeUpdate();
                }
            });
            total += n;
            if (n < CHUNK) {
                return total;
            }
        }
    }
}
