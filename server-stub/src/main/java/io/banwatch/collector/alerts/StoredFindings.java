package io.banwatch.collector.alerts;

import io.banwatch.json.EvidenceJson;
import io.banwatch.model.Evidence;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** A host's findings as stored by its last judgement, for alerts that are not about a new report. */
public final class StoredFindings {

    private StoredFindings() {
    }

    /** Most serious first. */
    public static List<AlertFinding> read(Connection c, long hostPk) throws SQLException {
        List<AlertFinding> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, kind, level, profile, product, presence,"
                + " milestone, since, deadline, message, citation_title, citation_url, evidence FROM findings"
                + " WHERE host_pk = ? ORDER BY " + Level.sqlRank("level") + ", rule_id")) {
            ps.setLong(1, hostPk);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LocalDate since = date(rs.getString(8));
                    LocalDate deadline = date(rs.getString(9));
                    out.add(new AlertFinding(rs.getString(1), FindingKind.fromJson(rs.getString(2)),
                            Level.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            Presence.fromJson(rs.getString(6)), rs.getString(7), deadline != null ? deadline : since,
                            deadline, rs.getString(10), rs.getString(11), rs.getString(12), evidence(rs.getString(13))));
                }
            }
        }
        return out;
    }

    private static LocalDate date(String iso) {
        return iso == null ? null : LocalDate.parse(iso);
    }

    /** The stored evidence array; an item that cannot be read is left out (the alert still names the finding). */
    private static List<Evidence> evidence(String json) {
        try {
            return EvidenceJson.readValid(json);
        } catch (IOException e) {
            return List.of();
        }
    }
}
