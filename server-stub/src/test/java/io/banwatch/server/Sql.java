package io.banwatch.server;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Reads the collector's SQLite file directly, to check what was stored. */
public final class Sql {
    private Sql() {
    }

    public static long count(Path dataDir, String query) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("banwatch.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(Path dataDir, String query) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("banwatch.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
