package io.banwatch.collector.api;

import io.banwatch.collector.db.Params;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.model.Level;
import io.banwatch.model.Verdict;

import java.sql.ResultSet;
import java.sql.SQLException;

/** How a {@link HostRow} is selected from the hosts table, ordered and read back. */
final class HostRows {
    /** A host's verdict: the hosts table keeps CLEAN as NULL. */
    static final String VERDICT = "COALESCE(level, '" + Verdict.CLEAN.name() + "')";
    /** Its most serious finding, first by level, then installed before remnant, then by rule. */
    private static final String TOP = " FROM findings tf WHERE tf.host_pk = hosts.pk ORDER BY "
            + Level.sqlRank("tf.level") + ", CASE tf.presence WHEN 'installed' THEN 0 ELSE 1 END, tf.rule_id LIMIT 1)";
    static final String TOP_PRODUCT = "(SELECT tf.product" + TOP;
    static final String TOP_MILESTONE = "(SELECT tf.milestone" + TOP;
    static final String COLUMNS = "host_id, hostname, os_family, os_name, arch, profile, " + VERDICT
            + ", kaspersky_installed, kaspersky_first_seen, kaspersky_removed_at, next_deadline, first_seen, last_seen,"
            + " agent_version, software_count, finding_count, error_count, " + TOP_PRODUCT + ", " + TOP_MILESTONE
            + ", retired_at, retired_by, retired_reason";
    /** Most serious first. */
    static final String ORDER = Verdict.sqlRank(VERDICT) + ", LOWER(hostname)";
    /**
     * What a host list may be sorted by; host_id, unique, breaks ties. Text is compared in lower
     * case, so SQLite and PostgreSQL agree on plain names.
     */
    static final SortColumns SORT = SortColumns.of("host_id",
            "host", "LOWER(hostname)",
            "level", Verdict.sqlRank(VERDICT),
            "os", "LOWER(COALESCE(os_name, os_family))",
            "profile", "profile",
            "kaspersky", "kaspersky_installed",
            "product", "LOWER(" + TOP_PRODUCT + ")",
            "milestone", TOP_MILESTONE,
            "deadline", "next_deadline",
            "first_seen", "first_seen",
            "last_seen", "last_seen",
            "software", "software_count",
            "findings", "finding_count",
            "retired", "retired_at");

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
        int errors = rs.getInt(i++);
        String topProduct = rs.getString(i++);
        String topMilestone = rs.getString(i++);
        Long retiredAt = Params.getLong(rs, i++);
        String retiredBy = rs.getString(i++);
        String retiredReason = rs.getString(i);
        return new HostRow(hostId, hostname, osFamily, osName, arch, profile, level, installed,
                Reads.time(firstKaspersky), Reads.time(removed), nextDeadline, Reads.time(firstSeen),
                Reads.time(lastSeen), agentVersion, software, findings, errors, lastSeen < staleBefore, topProduct,
                topMilestone, Reads.time(retiredAt), retiredBy, retiredReason);
    }
}
