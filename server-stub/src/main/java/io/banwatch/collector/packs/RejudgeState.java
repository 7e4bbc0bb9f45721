package io.banwatch.collector.packs;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Params;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The fleet's re-judging, as {@code rules_state} keeps it (one row).
 *
 * @param target      the rules version the fleet is judged to, or null before the first run
 * @param runId       the run's random id (with the pass, the cause of its alerts)
 * @param pass        1, then 2: the sweep for hosts a report judged with the old packs during pass 1
 * @param cursor      the last host pk this pass has done
 * @param startedAt   when the run started (epoch ms), or null
 * @param finishedAt  when it finished, or null while it runs
 * @param judged      hosts judged again
 * @param transitions of them, hosts whose standing changed
 * @param skipped     hosts without a stored inventory to judge
 */
public record RejudgeState(String target, String runId, int pass, long cursor, Long startedAt, Long finishedAt,
                           int judged, int transitions, int skipped) {

    public static RejudgeState read(Database db) {
        return db.read(c -> read(c, ""));
    }

    /** @param lock {@code db.dialect().forUpdate()} to lock the row, or "" */
    static RejudgeState read(Connection c, String lock) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT target, run_id, pass, cursor_pk, started_at, finished_at,"
                + " judged, transitions, skipped FROM rules_state WHERE id = 1" + lock);
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("rules_state has no row: the V12 migration did not run");
            }
            return new RejudgeState(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getLong(4), Params.getLong(rs, 5),
                    Params.getLong(rs, 6), rs.getInt(7), rs.getInt(8), rs.getInt(9));
        }
    }

    /** The same run and the same place in it: nobody else moved it since this state was read. */
    boolean samePlace(RejudgeState other) {
        return java.util.Objects.equals(runId, other.runId) && pass == other.pass && cursor == other.cursor
                && java.util.Objects.equals(finishedAt, other.finishedAt);
    }

    void write(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rules_state SET target = ?, run_id = ?, pass = ?,"
                + " cursor_pk = ?, started_at = ?, finished_at = ?, judged = ?, transitions = ?, skipped = ? WHERE id = 1")) {
            Params.setString(ps, 1, target);
            Params.setString(ps, 2, runId);
            ps.setInt(3, pass);
            ps.setLong(4, cursor);
            Params.setLong(ps, 5, startedAt);
            Params.setLong(ps, 6, finishedAt);
            ps.setInt(7, judged);
            ps.setInt(8, transitions);
            ps.setInt(9, skipped);
            ps.executeUpdate();
        }
    }
}
