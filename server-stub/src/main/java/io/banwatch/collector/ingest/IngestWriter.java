package io.banwatch.collector.ingest;

import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;
import io.banwatch.collector.alerts.Alerting;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.DatabaseException;
import io.banwatch.collector.db.Dialect;
import io.banwatch.collector.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The single writer of reports: request threads hand it judged reports and wait; it writes them
 * in batches, one transaction per batch, and completes each request only after the commit.
 *
 * <p>Group commit is what makes the embedded SQLite default fast and durable at once: SQLite
 * has one writer anyway, and one fsync per batch instead of per report multiplies throughput.
 * A batch that fails is retried report by report, so one bad report cannot fail its neighbours.
 *
 * <p>Several collectors may share one PostgreSQL database. Each batch locks host rows in host-id
 * order, and new packages are added to the shared software catalogue before the batch, in
 * key order and in a transaction of their own, so two collectors take their locks in the same
 * order and do not deadlock each other. Should one happen anyway (or a serialization failure,
 * under a stricter isolation level), the whole batch is run again rather than failing reports.
 */
public final class IngestWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);

    private record Job(IncomingReport report, CompletableFuture<StoreOutcome> done) {
    }

    private final Database db;
    private final Metrics metrics;
    private final ReportStore store;
    private final SoftwareIds softwareIds;
    private final ScopeIds scopeIds = new ScopeIds();
    private final int maxBatch;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>(10_000);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long lastWriteEndNanos = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
    /** A batch is being written (it may be waiting for SQLite's write lock, its queue already drained). */
    private volatile boolean writing;

    public IngestWriter(Database db, Alerting alerts, boolean storeRaw, int maxBatch, Metrics metrics) {
        this.db = db;
        this.metrics = metrics;
        this.softwareIds = new SoftwareIds(200_000);
        this.store = new ReportStore(db.dialect(), softwareIds, scopeIds, alerts, storeRaw);
        this.maxBatch = Math.max(1, maxBatch);
        this.thread = new Thread(this::loop, "banwatch-ingest-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Works out a new inventory's links to the catalogue on the caller's thread (a request thread),
     * so the one writer thread has less to do per report; see {@link LinkPlan}.
     */
    LinkPlan plan(List<Software> software) {
        return LinkPlan.of(software, softwareIds, scopeIds);
    }

    /** Queues a report; the future completes once it is committed (or failed). */
    public CompletableFuture<StoreOutcome> submit(IncomingReport report) {
        CompletableFuture<StoreOutcome> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Job(report, done))) {
            done.completeExceptionally(new DatabaseException("the collector is shutting down or overloaded"));
        }
        return done;
    }

    /**
     * Whether reports are waiting or one was written within {@code quiet}: background writers (the
     * software index) step back then, since on SQLite they share the one write lock with ingest.
     */
    public boolean busyWithin(Duration quiet) {
        return writing || !queue.isEmpty() || System.nanoTime() - lastWriteEndNanos < quiet.toNanos();
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                writing = true;
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
                // Set before the flag clears (finally), so ingest never looks idle in between.
                lastWriteEndNanos = System.nanoTime();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                writing = false;
                batch.clear();
            }
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new DatabaseException("the collector stopped before storing the report"));
        }
    }

    private record Written(List<StoreOutcome> outcomes, Learnt learnt) {
    }

    private void write(List<Job> batch) {
        batch.sort(Comparator.comparing(j -> j.report().report().host().id()));
        long started = System.nanoTime();
        try {
            // PostgreSQL: new catalogue rows first, in a transaction of their own (see the class comment).
            // SQLite has one writer, so nothing to order, and the batch transaction inserts them itself:
            // one commit, one fsync, instead of two.
            if (db.dialect() != Dialect.SQLITE) {
                softwareIds.prefetch(db, changedInventories(batch));
            }
            // Retried whole after a deadlock or serialization failure (PostgreSQL); each attempt
            // starts from scratch, so nothing learnt in a rolled-back attempt is kept.
            Written written = db.retryingTransaction(c -> {
                Learnt learnt = new Learnt();
                List<StoreOutcome> out = new ArrayList<>(batch.size());
                for (Job j : batch) {
                    out.add(store.store(c, j.report(), learnt));
                }
                return new Written(out, learnt);
            });
            store.remember(written.learnt());
            metrics.batchWritten(batch.size(), System.nanoTime() - started);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(written.outcomes().get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                LOG.warn("storing report {} failed: {}", batch.get(0).report().report().reportId(),
                        batchFailure.getMessage() == null ? batchFailure.toString() : batchFailure.getMessage());
                batch.get(0).done().completeExceptionally(batchFailure);
                return;
            }
            // Find the culprit: each report in its own transaction.
            for (Job j : batch) {
                write(new ArrayList<>(List.of(j)));
            }
        }
    }

    /**
     * The packages of the reports whose inventory differs from their host's stored one: only
     * those reports relink software. Read without locks: should a host change between this read
     * and the batch, the batch resolves the difference itself.
     */
    private List<SoftwareKey> changedInventories(List<Job> batch) {
        Map<String, String> stored = db.read(c -> {
            Map<String, String> hashes = new HashMap<>();
            String marks = String.join(", ", Collections.nCopies(batch.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT host_id, inventory_hash FROM hosts WHERE host_id IN (" + marks + ")")) {
                for (int i = 0; i < batch.size(); i++) {
                    ps.setString(i + 1, batch.get(i).report().report().host().id());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hashes.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return hashes;
        });
        List<SoftwareKey> keys = new ArrayList<>();
        for (Job j : batch) {
            ScanReport r = j.report().report();
            if (!r.inventoryHash().equals(stored.get(r.host().id()))) {
                for (Software s : r.software()) {
                    keys.add(SoftwareKey.of(s));
                }
            }
        }
        return keys;
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
