package io.banwatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;

/** How much disk the collector's database takes, with what takes most of it. */
interface DatabaseSize {
    /** Total bytes and a one-line breakdown. */
    record Size(long bytes, String detail) {
    }

    Size measure();

    static DatabaseSize of(BenchSettings s) {
        return s.pgUrl() != null ? new Postgres(s.pgUrl(), s.pgUser(), s.pgPassword()) : new Sqlite(s.sqliteDir());
    }

    /** banwatch.db plus its write-ahead log and shared-memory index, as they lie on disk. */
    record Sqlite(Path dir) implements DatabaseSize {
        @Override
        public Size measure() {
            long db = size(dir.resolve("banwatch.db"));
            long wal = size(dir.resolve("banwatch.db-wal"));
            long shm = size(dir.resolve("banwatch.db-shm"));
            return new Size(db + wal + shm, "banwatch.db " + mb(db) + ", -wal " + mb(wal) + ", -shm " + mb(shm));
        }

        private static long size(Path p) {
            try {
                return Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                return 0;
            }
        }
    }

    /** pg_database_size (tables, indexes, TOAST; not the server's WAL) and the largest relations. */
    record Postgres(String url, String user, String password) implements DatabaseSize {
        @Override
        public Size measure() {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
                long total;
                try (ResultSet rs = st.executeQuery("SELECT pg_database_size(current_database())")) {
                    rs.next();
                    total = rs.getLong(1);
                }
                StringJoiner top = new StringJoiner(", ");
                try (ResultSet rs = st.executeQuery("SELECT c.relname, pg_total_relation_size(c.oid) FROM pg_class c"
                        + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r'"
                        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema')"
                        + " ORDER BY 2 DESC LIMIT 5")) {
                    while (rs.next()) {
                        top.add(rs.getString(1) + " " + mb(rs.getLong(2)));
                    }
                }
                return new Size(total, top.toString());
            } catch (SQLException e) {
                return new Size(0, "unavailable: " + e.getMessage());
            }
        }
    }

    static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1e6);
    }
}
