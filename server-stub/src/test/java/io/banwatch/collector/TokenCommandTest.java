package io.banwatch.collector;

import io.banwatch.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code banwatch-server token create} issues tokens in the running collector's database only:
 * pointed at a place with no collector database it refuses (and creates none), and the command
 * the sign-in page shows is one that works.
 */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class TokenCommandTest {
    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    TokenCommandTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    /** The settings a PostgreSQL collector of this test reads (SQLite needs none beyond --data). */
    private Path settingsFile() throws Exception {
        List<String> lines = new ArrayList<>(List.of("data.dir=" + dir.resolve("data")));
        if (db.kind() == TestDatabase.Kind.POSTGRES) {
            lines.add("database.url=" + db.url());
            lines.add("database.user=" + db.user());
            lines.add("database.password=" + db.password());
        }
        return Files.write(dir.resolve("collector.properties"), lines);
    }

    @Test
    void withNoCollectorDatabaseThereItRefusesAndCreatesNone() throws Exception {
        Path elsewhere = dir.resolve("not-the-data-dir");
        CliTest.Run run = db.kind() == TestDatabase.Kind.SQLITE
                ? CliTest.run("token", "create", "--role", "viewer", "--name", "auditor", "--data", elsewhere.toString())
                : CliTest.run("token", "create", "--role", "viewer", "--name", "auditor", "--config",
                settingsFile().toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        if (db.kind() == TestDatabase.Kind.SQLITE) {
            assertThat(run.err().lines()).containsExactly("banwatch-server: no collector database in " + elsewhere
                    + " (no banwatch.db there); point at the running collector's with --data DIR or --config FILE");
            assertThat(elsewhere).doesNotExist();
        } else {
            assertThat(run.err().lines()).containsExactly("banwatch-server: no collector database at " + db.url()
                    + " (no collector has started on it); point at the running collector's with --config FILE or"
                    + " --database-url URL");
            assertThat(db.count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()"))
                    .isZero();
        }
    }

    @Test
    void theSignInPageGivesACommandWhoseTokenTheRunningCollectorAccepts() throws Exception {
        var config = db.config(dir.resolve("data"));
        if (db.kind() == TestDatabase.Kind.POSTGRES) {
            // As `serve --config FILE` would record it.
            config.configFile = settingsFile();
        }
        try (TestCollector c = TestCollector.start(config.build(), clock)) {
            String page = c.get("/login", null).body();
            Matcher m = Pattern.compile("<code>(banwatch-server token create [^<]*)</code>").matcher(page);
            assertThat(m.find()).as(page).isTrue();
            String command = m.group(1).replace("&lt;who&gt;", "auditor");
            assertThat(command).isEqualTo(db.kind() == TestDatabase.Kind.SQLITE
                    ? "banwatch-server token create --data " + dir.resolve("data") + " --role viewer --name auditor"
                    : "banwatch-server token create --config " + dir.resolve("collector.properties")
                    + " --role viewer --name auditor");

            String[] words = command.split(" ");
            CliTest.Run run = CliTest.run(java.util.Arrays.copyOfRange(words, 1, words.length));
            assertThat(run.exit()).as(run.err()).isZero();
            String token = run.out().strip();
            assertThat(token).startsWith("bw_v_");
            assertThat(c.get("/api/v1/summary", token).statusCode()).isEqualTo(200);

            var created = c.server.audit().recent(1, null).get(0);
            assertThat(created.action()).isEqualTo("token.create");
            assertThat(created.actor().kind()).as("made at the command line").isEqualTo("cli");
            assertThat(created.actor().name()).isEqualTo(System.getProperty("user.name"));
            assertThat(created.detail()).isEqualTo("viewer token 'auditor'");
        }
    }
}
