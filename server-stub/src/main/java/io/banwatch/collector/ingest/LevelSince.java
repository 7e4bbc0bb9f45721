package io.banwatch.collector.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * A host's stored finding of one rule: its level, and since when it has had that level. A finding
 * written again with the same level keeps the time, so an auditor sees how long a host has been
 * in violation, not when its last report came.
 *
 * @param level the level's name
 * @param since epoch milliseconds, or null (never known)
 */
record LevelSince(String level, Long since) {

    /** The host's stored findings by rule id, read before they are replaced. */
    static Map<String, LevelSince> of(Connection c, long hostPk) throws SQLException {
        Map<String, LevelSince> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, level, level_since FROM findings WHERE host_pk = ?")) {
            ps.setLong(1, hostPk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long since = rs.getLong(3);
                    out.putIfAbsent(rs.getString(1), new LevelSince(rs.getString(2), rs.wasNull() ? null : since));
                }
            }
        }
        return out;
    }
}
