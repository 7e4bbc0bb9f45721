package io.banwatch.collector.api;

import io.banwatch.collector.db.Params;
import io.banwatch.model.Verdict;
import io.banwatch.rules.MilestoneInfo;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** How a {@link FindingRow} is selected, with its host, ordered and read back. */
final class FindingRows {
    static final String SELECT = "SELECT h.host_id, h.hostname, f.rule_id, f.level, f.profile,"
            + " f.vendor, f.product, f.presence, f.milestone, f.deadline, f.days_left, f.message, f.citation_title,"
            + " f.citation_url, f.evidence, f.kind, f.since FROM findings f JOIN hosts h ON h.pk = f.host_pk";
    /** Most serious first: level, then an installed product before a remnant. */
    static final String ORDER = Verdict.sqlRank("f.level") + ", CASE f.presence WHEN 'installed' THEN 0 ELSE 1 END";

    private final Map<String, LocalDate> milestoneDates = new HashMap<>();

    FindingRows(List<MilestoneInfo> milestones) {
        for (MilestoneInfo m : milestones) {
            milestoneDates.putIfAbsent(m.id(), m.date());
        }
    }

    /** Reads a row of {@link #SELECT}. */
    FindingRow read(ResultSet rs) throws SQLException {
        String milestone = rs.getString(9);
        String deadline = rs.getString(10);
        String since = rs.getString(17);
        if (since == null && deadline == null && milestone != null && milestoneDates.containsKey(milestone)) {
            // Stored before findings kept it: the governing milestone's date is when it applies since.
            since = milestoneDates.get(milestone).toString();
        }
        return new FindingRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(16), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), milestone,
                deadline != null ? deadline : since, since, deadline, Params.getInt(rs, 11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getString(15));
    }
}
