package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the README promises of the default database: WAL mode (kept in the file) and
 * {@code synchronous=FULL} on the collector's own connections (a per-connection setting), so an
 * acknowledged report survives a power loss. SQLite only: these are SQLite's settings.
 */
class SqliteDurabilityTest {
    @TempDir
    Path dir;

    @Test
    void theFirstStartPutsTheDatabaseInWalModeAndItsConnectionsInSynchronousFull() throws Exception {
        try (TestCollector c = TestCollector.start(TestCollector.config(dir).build(),
                new MutableClock(Instant.parse("2026-11-24T10:00:00Z")))) {
            // 2 is FULL (0 OFF, 1 NORMAL, 3 EXTRA).
            String synchronous = c.server.database().read(conn -> pragma(conn, "synchronous"));
            String journal = c.server.database().read(conn -> pragma(conn, "journal_mode"));
            assertThat(synchronous).isEqualTo("2");
            assertThat(journal).isEqualTo("wal");
        }
        // A fresh connection with no settings of its own sees the mode the file was left in.
        try (Connection plain = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("banwatch.db"))) {
            assertThat(pragma(plain, "journal_mode")).isEqualTo("wal");
        }
    }

    @Test
    void aNewDataDirectoryIsTheOwnersOnlyAndAnExistingOneKeepsItsMode() throws Exception {
        Path fresh = dir.resolve("new/data");
        try (TestCollector c = TestCollector.start(TestCollector.config(fresh).build(),
                new MutableClock(Instant.parse("2026-11-24T10:00:00Z")))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rwx------");
            assertThat(fresh.resolve("banwatch.db")).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("initial-admin-token"))))
                    .isEqualTo("rw-------");
        }
        // A package's directory, group-readable on purpose, is left as it is.
        Path packaged = Files.createDirectory(dir.resolve("packaged"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-x---")));
        try (TestCollector c = TestCollector.start(TestCollector.config(packaged).build(),
                new MutableClock(Instant.parse("2026-11-24T10:00:00Z")))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(packaged))).isEqualTo("rwxr-x---");
        }
    }

    private static String pragma(Connection c, String name) throws java.sql.SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("PRAGMA " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
