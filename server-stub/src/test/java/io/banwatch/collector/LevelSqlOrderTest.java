package io.banwatch.collector;

import io.banwatch.model.Level;
import io.banwatch.model.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL the collector sorts by ranks levels and verdicts exactly as the enums order them, on
 * each database: the enums are the one definition, and the database must agree with them.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class LevelSqlOrderTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    LevelSqlOrderTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void levelsSortInTheLevelEnumsOrderWithAnythingElseLast() throws Exception {
        List<String> expected = new ArrayList<>(Arrays.stream(Level.values()).map(Level::name).toList());
        expected.add("WARNING");

        assertThat(sorted(Level.sqlRank("v"), expected)).containsExactlyElementsOf(expected);
    }

    @Test
    void verdictsSortInTheVerdictEnumsOrderWithAnythingElseLast() throws Exception {
        List<String> expected = new ArrayList<>(Arrays.stream(Verdict.values()).map(Verdict::name).toList());
        expected.add("WARNING");

        assertThat(sorted(Verdict.sqlRank("v"), expected)).containsExactlyElementsOf(expected);
    }

    /** Inserts {@code values} in reverse order and reads them back sorted by {@code rank}, then by value. */
    private List<String> sorted(String rank, List<String> values) throws Exception {
        db.config(dir);
        try (Connection c = db.user() == null ? DriverManager.getConnection(db.url())
                : DriverManager.getConnection(db.url(), db.user(), db.password())) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE level_order (v VARCHAR(16))");
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO level_order (v) VALUES (?)")) {
                for (int i = values.size() - 1; i >= 0; i--) {
                    ps.setString(1, values.get(i));
                    ps.executeUpdate();
                }
            }
            List<String> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT v FROM level_order ORDER BY " + rank + ", v")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }
}
