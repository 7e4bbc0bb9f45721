package io.banwatch.collector;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.jobs.JobLease;
import io.banwatch.testkit.MutableClock;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** A periodic job runs on one collector at a time, and again only when due. */
@ParameterizedClass(name = "on {0}")
@EnumSource(TestDatabase.Kind.class)
class JobLeaseTest {
    private static final long HOUR = Duration.ofHours(1).toMillis();
    private static final long T0 = Instant.parse("2026-11-24T10:00:00Z").toEpochMilli();

    @RegisterExtension
    final TestDatabase db;

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.ofEpochMilli(T0));
    private Database database;

    JobLeaseTest(TestDatabase.Kind kind) {
        this.db = new TestDatabase(kind);
    }

    @BeforeEach
    void open() {
        var config = db.config(dir).build();
        database = Database.open(config.jdbcUrl(), config.databaseUser(), config.databasePassword(), 10,
                Duration.ofSeconds(10));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void theHolderKeepsTheJobUntilItIsDueAgain() {
        JobLease a = new JobLease(database, "collector-a");
        JobLease b = new JobLease(database, "collector-b");
        assertThat(a.tryAcquire("retention", T0, T0 + HOUR)).isTrue();
        assertThat(b.tryAcquire("retention", T0, T0 + HOUR)).isFalse();
        assertThat(a.release("retention", T0 + HOUR, T0 + 1_000, "ok")).isTrue();
        // Finished, but not due again for an hour: not even its last runner takes it.
        assertThat(b.tryAcquire("retention", T0 + HOUR - 1, T0 + 2 * HOUR)).isFalse();
        assertThat(a.tryAcquire("retention", T0 + HOUR - 1, T0 + 2 * HOUR)).isFalse();
        assertThat(b.tryAcquire("retention", T0 + HOUR, T0 + 2 * HOUR)).isTrue();
        assertThat(db.text("SELECT owner FROM job_leases WHERE name = 'retention'")).isEqualTo("collector-b");
        // Another job has a lease of its own.
        assertThat(a.tryAcquire("other", T0 + HOUR, T0 + 2 * HOUR)).isTrue();
    }

    @Test
    void aCollectorThatDiesMidRunLosesTheJobWhenItsLeaseRunsOut() {
        JobLease a = new JobLease(database, "collector-a");
        JobLease b = new JobLease(database, "collector-b");
        assertThat(a.tryAcquire("retention", T0, T0 + HOUR)).isTrue();
        assertThat(b.tryAcquire("retention", T0 + HOUR - 1, T0 + 2 * HOUR)).isFalse();
        assertThat(b.tryAcquire("retention", T0 + HOUR, T0 + 2 * HOUR)).isTrue();
        // The first comes back too late: its release does not undo the new owner's lease.
        assertThat(a.release("retention", T0 + 2 * HOUR, T0 + HOUR + 1, "ok")).isFalse();
        assertThat(db.text("SELECT owner FROM job_leases WHERE name = 'retention'")).isEqualTo("collector-b");
    }

    @Test
    void manyCollectorsAskingAtTheSameMomentElectExactlyOne() throws Exception {
        int contenders = 8;
        CyclicBarrier start = new CyclicBarrier(contenders);
        ExecutorService pool = Executors.newFixedThreadPool(contenders);
        try {
            List<Future<Boolean>> won = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                JobLease lease = new JobLease(database, "collector-" + i);
                won.add(pool.submit(() -> {
                    start.await();
                    return lease.tryAcquire("retention", T0, T0 + HOUR);
                }));
            }
            int winners = 0;
            for (Future<Boolean> f : won) {
                winners += f.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void ofTwoCollectorsOnOneDatabaseOnlyOneRunsRetention() {
        var config = db.config(dir);
        config.jobWorker = false;
        try (TestCollector first = TestCollector.start(config.build(), clock);
             TestCollector second = TestCollector.start(config.build(), clock)) {
            assertThat(first.server.runJobsNow()).containsExactly("retention");
            assertThat(second.server.runJobsNow()).isEmpty();
            assertThat(first.server.runJobsNow()).isEmpty();
            clock.advance(Duration.ofHours(1));
            assertThat(second.server.runJobsNow()).containsExactly("retention");
            assertThat(db.text("SELECT last_result FROM job_leases WHERE name = 'retention'")).startsWith("deleted 0 reports");
        }
    }
}
