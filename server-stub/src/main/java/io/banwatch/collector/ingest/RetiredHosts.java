package io.banwatch.collector.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * A retired host that reports again is back in the fleet: its retirement is lifted and its
 * history says so. Only a scan made after the retirement brings it back; a report scanned before
 * it (an old one still in the agent's spool) is news from before the decision, not against it.
 */
final class RetiredHosts {
    /** The history event of a host's return. */
    static final String RETURNED = "unretired";

    private RetiredHosts() {
    }

    /** Lifts the host's retirement when this report was scanned after it; inside the report's transaction. */
    static void returnIfRetired(Connection c, long hostPk, IncomingReport in) throws SQLException {
        int lifted;
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET retired_at = NULL, retired_by = NULL,"
                + " retired_reason = NULL WHERE pk = ? AND retired_at IS NOT NULL AND retired_at < ?")) {
            ps.setLong(1, hostPk);
            ps.setLong(2, in.report().scannedAt().toEpochMilli());
            lifted = ps.executeUpdate();
        }
        if (lifted == 0) {
            return;
        }
        SoftwareIndexMarks.changed(c, hostPk);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_history (host_pk, at, event, from_level,"
                + " to_level, report_id) VALUES (?, ?, ?, NULL, NULL, ?)")) {
            ps.setLong(1, hostPk);
            ps.setLong(2, in.receivedAt());
            ps.setString(3, RETURNED);
            ps.setString(4, in.report().reportId());
            ps.executeUpdate();
        }
    }
}
