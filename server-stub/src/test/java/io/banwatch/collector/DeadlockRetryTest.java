package io.banwatch.collector;

import io.banwatch.collector.db.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A real PostgreSQL deadlock: the transaction the server aborts is run again, not failed. */
class DeadlockRetryTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @Test
    @Timeout(30)
    void theLoserOfADeadlockIsRunAgainAndBothCommit() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try (Database database = Database.open(db.url(), db.user(), db.password(), 4, Duration.ofSeconds(10))) {
            db.sql().execute("INSERT INTO settings (name, value) VALUES ('a', '0'), ('b', '0')");
            CyclicBarrier bothHoldOneRow = new CyclicBarrier(2);
            AtomicInteger attempts = new AtomicInteger();
            // Opposite lock orders; they meet only in their first attempt, so the rerun goes through.
            CompletableFuture<Void> ab = CompletableFuture.runAsync(() -> lockBoth(database, "a", "b", bothHoldOneRow, attempts), two);
            CompletableFuture<Void> ba = CompletableFuture.runAsync(() -> lockBoth(database, "b", "a", bothHoldOneRow, attempts), two);
            CompletableFuture.allOf(ab, ba).get(25, TimeUnit.SECONDS);

            assertThat(database.retries()).isEqualTo(1);
            assertThat(attempts.get()).isEqualTo(3);
            assertThat(db.text("SELECT value FROM settings WHERE name = 'a'")).isEqualTo("2");
            assertThat(db.text("SELECT value FROM settings WHERE name = 'b'")).isEqualTo("2");
        } finally {
            two.shutdownNow();
        }
    }

    private static void lockBoth(Database database, String first, String second, CyclicBarrier meet,
                                 AtomicInteger attempts) {
        AtomicInteger mine = new AtomicInteger();
        database.retryingTransaction(c -> {
            attempts.incrementAndGet();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE settings SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR(10)) WHERE name = ?")) {
                ps.setString(1, first);
                ps.executeUpdate();
                if (mine.incrementAndGet() == 1) {
                    try {
                        meet.await(10, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                ps.setString(1, second);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
