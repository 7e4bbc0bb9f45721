package io.banwatch.collector.software;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each job-running collector's background look at the software index: every period it indexes
 * the hosts whose inventory changed, batch by batch, until none is left (the lease keeps it to
 * one collector at a time).
 */
public final class SoftwareIndexWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SoftwareIndexWorker.class);

    /** Hosts per tick: with a tick of 250 ms, at most 200 hosts/s, leaving the writer to ingest. */
    static final int BATCH = 50;

    private final SoftwareIndexer indexer;
    private final ScheduledExecutorService worker;
    private volatile boolean closed;

    public SoftwareIndexWorker(SoftwareIndexer indexer) {
        this.indexer = indexer;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "banwatch-software-index");
            t.setDaemon(true);
            return t;
        });
    }

    public SoftwareIndexWorker start(Duration every) {
        worker.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            // One small batch per tick, not "until done": on SQLite the index shares the one writer with
            // ingest, and a catch-up in one go cut full-report ingest ~3x (docs/benchmarks.md).
            indexer.run(BATCH, 1, () -> closed);
        } catch (RuntimeException e) {
            LOG.warn("software index: {}", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.shutdownNow();
        try {
            worker.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
