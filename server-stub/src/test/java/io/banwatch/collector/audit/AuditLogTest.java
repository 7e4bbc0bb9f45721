package io.banwatch.collector.audit;

import io.banwatch.testkit.MutableClock;
import io.banwatch.collector.TestDatabase;
import io.banwatch.collector.db.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The audit log holds exactly the changes that committed, newest first, with who made them. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class AuditLogTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0);
    private Database database;
    private AuditLog audit;

    AuditLogTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void open() {
        var config = db.config(dir).build();
        database = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword(), 4,
                Duration.ofSeconds(10));
        audit = new AuditLog(database, clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void entriesComeBackNewestFirstWithTheirActor() {
        audit.record(Actor.token(7, "alice"), "token.create", "12", "viewer token 'compliance'");
        clock.advance(Duration.ofMinutes(1));
        audit.record(Actor.system("rules"), "rules.rejudge", null, null);

        var entries = audit.recent(10, null);
        assertThat(entries).extracting(AuditLog.Entry::action).containsExactly("rules.rejudge", "token.create");
        AuditLog.Entry first = entries.get(1);
        assertThat(first.actor()).isEqualTo(new Actor("token", "alice", 7L));
        assertThat(first.actor().describe()).isEqualTo("alice (token 7)");
        assertThat(first.at()).isEqualTo(T0.toEpochMilli());
        assertThat(first.subject()).isEqualTo("12");
        assertThat(first.detail()).isEqualTo("viewer token 'compliance'");
        assertThat(entries.get(0).actor().tokenId()).isNull();
        assertThat(audit.recent(10, entries.get(0).id())).extracting(AuditLog.Entry::action)
                .containsExactly("token.create");
    }

    @Test
    void aChangeThatRollsBackLeavesNoEntry() {
        assertThatThrownBy(() -> database.transaction(c -> {
            audit.record(c, Actor.commandLine(), "host.retire", "host-1", null);
            throw new IllegalStateException("the change failed");
        })).hasMessageContaining("the change failed");
        assertThat(audit.recent(10, null)).isEmpty();
    }

    @Test
    void aPeriodIsFromInclusiveToExclusiveOldestFirst() {
        for (int i = 0; i < 3; i++) {
            audit.record(Actor.system("test"), "step." + i, null, null);
            clock.advance(Duration.ofHours(1));
        }
        long from = T0.plus(Duration.ofHours(1)).toEpochMilli();
        assertThat(audit.between(from, from + Duration.ofHours(2).toMillis())).extracting(AuditLog.Entry::action)
                .containsExactly("step.1", "step.2");
    }

    @Test
    void longValuesAreCutNotRefused() {
        audit.record(Actor.system("test"), "rules.add", "x".repeat(400), "y".repeat(5000));
        AuditLog.Entry e = audit.recent(1, null).get(0);
        assertThat(e.subject()).hasSize(255).endsWith("…");
        assertThat(e.detail()).hasSize(4000);
    }
}
