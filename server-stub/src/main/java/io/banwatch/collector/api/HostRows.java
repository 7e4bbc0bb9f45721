package io.banwatch.collector.api;

import io.banwatch.collector.db.Params;
import io.banwatch.model.Verdict;

import java.sql.ResultSet;
import java.sql.SQLException;

/** How a {@link HostRow} is selected from the hosts table, ordered and read back. */
final class HostRows {
    /** A host's verdict: the hosts table keeps CLEAN as NULL. */
    static final String VERDICT = "COALESCE(level, '" + Verdict.CLEAN.name() + "')";
    static final String COLUMNS = "host_id, hostname, os_family, os_name, arch, profile, " + VERDICT
            + ", kaspersky_installed, kaspersky_first_seen, kaspersky_removed_at, next_deadline, first_seen, last_seen,"
            + " agent_version, software_count, finding_count, error_count";
    /** Most serious first. */
    static final String ORDER = Verdict.sqlRank(VERDICT) + ", hostname, host_id";

    private HostRows() {
    }

    /** Hosts last seen before this time are stale. */
    static long staleBefore(long now, int staleDays) {
        return now - staleDays * Reads.DAY_MS;
    }

    /** Reads {@link #COLUMNS}, starting at column {@code from}. */
    static HostRow read(ResultSet rs, int from, long staleBefore) throws SQLException {
        int i = from;
        String hostId = rs.getString(i++);
        String hostname = rs.getString(i++);
        String osFamily = rs.getString(i++);
        String osName = rs.getString(i++);
        String arch = rs.getString(i++);
        String profile = rs.getString(i++);
        String level = rs.getString(i++);
        boolean installed = rs.getInt(i++) == 1;
        Long firstKaspersky = Params.getLong(rs, i++);
        Long removed = Params.getLong(rs, i++);
        String nextDeadline = rs.getString(i++);
        long firstSeen = rs.getLong(i++);
        long lastSeen = rs.getLong(i++);
        String agentVersion = rs.getString(i++);
        int software = rs.getInt(i++);
        int findings = rs.getInt(i++);
        int errors = rs.getInt(i);
        return new HostRow(hostId, hostname, osFamily, osName, arch, profile, level, installed,
                Reads.time(firstKaspersky), Reads.time(removed), nextDeadline, Reads.time(firstSeen),
                Reads.time(lastSeen), agentVersion, software, findings, errors, lastSeen < staleBefore);
    }
}
