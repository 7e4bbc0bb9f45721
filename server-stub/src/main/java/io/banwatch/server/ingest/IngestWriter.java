package io.banwatch.server.ingest;

import io.banwatch.server.alerts.AlertPolicy;
import io.banwatch.server.db.Database;
import io.banwatch.server.db.DatabaseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
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
 * Reports are written in host-id order, so two collectors sharing a PostgreSQL database lock
 * host rows in the same order and cannot deadlock each other.
 */
public final class IngestWriter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IngestWriter.class);

    private record Job(IncomingReport report, CompletableFuture<StoreOutcome> done) {
    }

    private final Database db;
    private final ReportStore store;
    private final SoftwareIds softwareIds;
    private final int maxBatch;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>(10_000);
    private final Thread thread;
    private volatile boolean running = true;

    public IngestWriter(Database db, AlertPolicy alerts, boolean storeRaw, int maxBatch) {
        this.db = db;
        this.softwareIds = new SoftwareIds(200_000);
        this.store = new ReportStore(db.dialect(), softwareIds, alerts, storeRaw);
        this.maxBatch = Math.max(1, maxBatch);
        this.thread = new Thread(this::loop, "banwatch-ingest-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a report; the future completes once it is committed (or failed). */
    public CompletableFuture<StoreOutcome> submit(IncomingReport report) {
        CompletableFuture<StoreOutcome> done = new CompletableFuture<>();
        if (!running || !queue.offer(new Job(report, done))) {
            done.completeExceptionally(new DatabaseException("the collector is shutting down or overloaded"));
        }
        return done;
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Job first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                batch.clear();
            }
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.done().completeExceptionally(new DatabaseException("the collector stopped before storing the report"));
        }
    }

    private void write(List<Job> batch) {
        batch.sort(Comparator.comparing(j -> j.report().report().host().id()));
        Map<SoftwareKey, Long> learnt = new HashMap<>();
        try {
            List<StoreOutcome> outcomes = db.transaction(c -> {
                List<StoreOutcome> out = new ArrayList<>(batch.size());
                for (Job j : batch) {
                    out.add(store.store(c, j.report(), learnt));
                }
                return out;
            });
            softwareIds.remember(learnt);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).done().complete(outcomes.get(i));
            }
        } catch (RuntimeException batchFailure) {
            if (batch.size() == 1) {
                LOG.warn("storing report {} failed: {}", batch.get(0).report().report().reportId(),
                        batchFailure.getMessage());
                batch.get(0).done().completeExceptionally(batchFailure);
                return;
            }
            // Find the culprit: each report in its own transaction.
            for (Job j : batch) {
                write(new ArrayList<>(List.of(j)));
            }
        }
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
