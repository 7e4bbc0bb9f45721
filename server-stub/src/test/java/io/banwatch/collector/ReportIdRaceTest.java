package io.banwatch.collector;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.ScanReport;
import io.banwatch.testkit.MutableClock;
import io.banwatch.testkit.ReportBuilder;
import io.banwatch.testkit.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-collector race with two hosts: another collector's transaction stores a reportId
 * (for host A) between this collector's look-up and its insert of the same id (for host B). The
 * insert waits for the other transaction, finds the id taken by another host, and the whole
 * transaction — host B's new row included — is run again, then refused with 409.
 */
class ReportIdRaceTest {
    @RegisterExtension
    final TestDatabase db = new TestDatabase(TestDatabase.Kind.POSTGRES);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));

    @Test
    @Timeout(60)
    void anIdTakenByAnotherHostMeanwhileIsAConflictAndLeavesNoHostRow() throws Exception {
        try (TestCollector c = TestCollector.start(db.config(dir).build(), clock)) {
            String tokenA = c.enroll("host-a", "ws-a");
            String tokenB = c.enroll("host-b", "ws-b");
            c.post("/api/v1/reports", tokenA, ReportBuilder.report()
                    .host(Samples.linuxHost("host-a", "ws-a"))
                    .software(Samples.baseSoftware())
                    .scannedAt(clock.instant())
                    .json(), null);
            String id = "race-0000-0001";
            ScanReport fromB = ReportBuilder.report()
                    .id(id)
                    .host(Samples.linuxHost("host-b", "ws-b"))
                    .software(Samples.withKesl())
                    .scannedAt(clock.instant())
                    .build();
            try (Connection other = DriverManager.getConnection(db.url(), db.user(), db.password())) {
                other.setAutoCommit(false);
                try (Statement s = other.createStatement()) {
                    s.executeUpdate("INSERT INTO reports (report_id, host_pk, received_at, scanned_at, inventory_hash)"
                            + " SELECT '" + id + "', pk, 1, 1, 'x' FROM hosts WHERE host_id = 'host-a'");
                }
                CompletableFuture<HttpResponse<String>> answer = CompletableFuture.supplyAsync(
                        () -> c.post("/api/v1/reports", tokenB, ReportBuilder.json(fromB), null));
                awaitInsertBlockedOnTheOtherTransaction();
                other.commit();
                HttpResponse<String> res = answer.get();
                assertThat(res.statusCode()).as(res.body()).isEqualTo(409);
                assertThat(new ObjectMapper().readTree(res.body()).path("error").asText()).isEqualTo("report_id_conflict");
            }
            assertThat(db.count("SELECT COUNT(*) FROM hosts WHERE host_id = 'host-b'")).isZero();
            assertThat(db.count("SELECT COUNT(*) FROM reports")).isEqualTo(2);
            assertThat(c.get("/metrics", c.admin).body()).containsPattern("(?m)^banwatch_db_transaction_retries [1-9]");
        }
    }

    /** Until the collector's insert waits for the test's uncommitted row. */
    private void awaitInsertBlockedOnTheOtherTransaction() throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (db.count("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'banwatch-collector'"
                + " AND wait_event_type = 'Lock' AND query LIKE 'INSERT INTO reports%'") == 0) {
            assertThat(System.nanoTime()).as("the collector's insert never waited").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
