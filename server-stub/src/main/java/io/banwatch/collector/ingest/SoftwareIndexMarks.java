package io.banwatch.collector.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Tells the software indexer that a host's indexed software no longer holds although its
 * inventory did not change: it was retired (its packages leave the fleet's counts) or came back.
 */
public final class SoftwareIndexMarks {
    private SoftwareIndexMarks() {
    }

    /** Inside the caller's transaction: the host is indexed again, from its stored inventory. */
    public static void changed(Connection c, long hostPk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE host_inventories SET gen = gen + 1 WHERE host_pk = ?")) {
            ps.setLong(1, hostPk);
            ps.executeUpdate();
        }
    }
}
