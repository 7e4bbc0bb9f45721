package io.banwatch.collector.software;

import io.banwatch.collector.jobs.BackgroundTicker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Each job-running collector's background look at the software index: every period it indexes
 * the hosts whose inventory changed, batch by batch, until none is left (the lease keeps it to
 * one collector at a time).
 */
public final class SoftwareIndexWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SoftwareIndexWorker.class);

    /** Hosts per tick: with a tick of 250 ms, at most 200 hosts/s, leaving the writer to ingest. */
    static final int BATCH = 50;

    /** Ingest counts as busy for this long after its last write. */
    static final Duration QUIET = Duration.ofSeconds(2);
    /** However busy ingest is, one batch this often, so the index still moves (50 hosts per 30 s). */
    static final Duration AT_LEAST_EVERY = Duration.ofSeconds(30);

    private final SoftwareIndexer indexer;
    private final Predicate<Duration> ingestBusyWithin;
    private final LongSupplier nanoTime;
    private final BackgroundTicker worker;
    private volatile boolean closed;
    private long lastRunNanos;

    /**
     * @param ingestBusyWithin whether the ingest writer had work within the given time: the index
     *                         steps back then, as it shares SQLite's one writer with ingest
     */
    public SoftwareIndexWorker(SoftwareIndexer indexer, Predicate<Duration> ingestBusyWithin) {
        this(indexer, ingestBusyWithin, System::nanoTime);
    }

    SoftwareIndexWorker(SoftwareIndexer indexer, Predicate<Duration> ingestBusyWithin, LongSupplier nanoTime) {
        this.indexer = indexer;
        this.ingestBusyWithin = ingestBusyWithin;
        this.nanoTime = nanoTime;
        this.lastRunNanos = nanoTime.getAsLong();
        this.worker = new BackgroundTicker("banwatch-software-index");
    }

    public SoftwareIndexWorker start(Duration every) {
        worker.every(every, this::tick);
        return this;
    }

    /** Whether this tick indexes: when ingest is quiet, or when it has waited {@link #AT_LEAST_EVERY}. */
    boolean shouldRun() {
        long now = nanoTime.getAsLong();
        if (ingestBusyWithin.test(QUIET) && now - lastRunNanos < AT_LEAST_EVERY.toNanos()) {
            return false;
        }
        lastRunNanos = now;
        return true;
    }

    private void tick() {
        if (!shouldRun()) {
            return;
        }
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
        worker.close();
    }
}
