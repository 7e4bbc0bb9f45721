package io.banwatch.collector.api;

import io.banwatch.collector.db.Params;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.model.Level;
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
            + " f.citation_url, f.evidence, f.kind, f.since, f.level_since, h.last_seen, h.retired_at, f.pack_id,"
            + " f.pack_version, f.pack_sha256 FROM findings f JOIN hosts h ON h.pk = f.host_pk";
    /** Most serious first: level, then an installed product before a remnant. */
    static final String ORDER = Level.sqlRank("f.level") + ", CASE f.presence WHEN 'installed' THEN 0 ELSE 1 END";
    /** The date column: the deadline of a DEADLINE, else since when the milestone applies. */
    private static final String DATE = "COALESCE(f.deadline, f.since)";
    /**
     * What the findings list may be sorted by; the tiebreak (host, then rule) is unique per finding.
     * Text is compared in lower case, so SQLite and PostgreSQL agree on plain names.
     */
    static final SortColumns SORT = SortColumns.of("h.host_id, f.rule_id",
            "host", "LOWER(h.hostname)",
            "level", Level.sqlRank("f.level"),
            "product", "LOWER(f.product)",
            "presence", "f.presence",
            "milestone", "f.milestone",
            "date", DATE,
            "why", "LOWER(f.message)",
            "evidence", "f.evidence",
            "since", "f.level_since",
            "profile", "f.profile",
            "last_seen", "h.last_seen");

    private final Map<String, LocalDate> milestoneDates = new HashMap<>();

    FindingRows(List<MilestoneInfo> milestones) {
        for (MilestoneInfo m : milestones) {
            milestoneDates.putIfAbsent(m.id(), m.date());
        }
    }

    /** Reads a row of {@link #SELECT}. */
    FindingRow read(ResultSet rs) throws SQLException {
        String ruleId = rs.getString(3);
        String milestone = rs.getString(9);
        String deadline = rs.getString(10);
        String since = rs.getString(17);
        if (since == null && deadline == null && milestone != null && milestoneDates.containsKey(milestone)) {
            // Stored before findings kept it: the governing milestone's date is when it applies since.
            since = milestoneDates.get(milestone).toString();
        }
        String evidence = rs.getString(15);
        List<EvidenceItem> items = EvidenceItem.parse(evidence);
        String packId = rs.getString(21);
        if (packId == null && ruleId.indexOf(':') > 0) {
            packId = ruleId.substring(0, ruleId.indexOf(':'));
        }
        return new FindingRow(rs.getString(1), rs.getString(2), ruleId, rs.getString(16), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), EvidenceItem.productVersion(items), rs.getString(8),
                milestone, deadline != null ? deadline : since, since, deadline, Params.getInt(rs, 11), rs.getString(12),
                rs.getString(13), rs.getString(14), Reads.time(Params.getLong(rs, 18)), Reads.time(rs.getLong(19)),
                Reads.time(Params.getLong(rs, 20)), packId, rs.getString(22), rs.getString(23), evidence, items);
    }
}
