package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `banwatch-server serve` refuses a database whose schema is newer than itself, in one line, exit 2. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class StartupTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    StartupTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @Test
    void aSchemaNewerThanTheCollectorIsRefused() throws Exception {
        var config = db.config(dir.resolve("data"));
        // Migrate once, then record a migration this build does not have, as a newer collector would.
        TestCollector.start(config.build(), new MutableClock(Instant.parse("2026-11-24T10:00:00Z"))).close();
        db.sql().execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                + " checksum, installed_by, execution_time, success)"
                + " VALUES (99, '99', 'from a newer collector', 'SQL', 'V99__from_a_newer_collector.sql', 0, 'test', 0, "
                + (db.kind() == TestDatabase.Kind.POSTGRES ? "TRUE" : "1") + ")");

        List<String> settings = new ArrayList<>(List.of("enrollment.secret=test-enrollment-secret-0123456789"));
        if (db.kind() == TestDatabase.Kind.POSTGRES) {
            settings.add("database.url=" + db.url());
            settings.add("database.user=" + db.user());
            settings.add("database.password=" + db.password());
        }
        ServeCommand.Run run = ServeCommand.serve(dir, settings);

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err().lines()).containsExactly("banwatch-server: the database schema (version 99) is newer"
                + " than this collector understands; run the newer collector or restore a backup");
    }
}
