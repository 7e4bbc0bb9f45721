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
    /**
     * Batches per tick while ingest is quiet: a catch-up (after a fleet fill, 100k hosts) then runs
     * at the batches' own pace rather than one batch per tick, and still yields to the first report
     * that arrives (see {@link #tick}).
     */
    static final int QUIET_BATCHES = 20;

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

    /**
     * How many batches this tick may index: {@link #QUIET_BATCHES} when ingest is quiet, one when
     * it is busy but has held the index back for {@link #AT_LEAST_EVERY}, none otherwise.
     */
    int batchesNow() {
        long now = nanoTime.getAsLong();
        boolean busy = ingestBusyWithin.test(QUIET);
        if (busy && now - lastRunNanos < AT_LEAST_EVERY.toNanos()) {
            return 0;
        }
        lastRunNanos = now;
        return busy ? 1 : QUIET_BATCHES;
    }

    /**
     * Before each batch of a tick: stop when closing, or, once one batch is done, when ingest has
     * been busy since the tick began (the tick's first batch is the one {@link #AT_LEAST_EVERY}
     * promises). "Busy within {@link #QUIET}", not "a report waits now": a writer blocked behind an
     * index batch has already drained its queue, and looks idle until that batch ends.
     */
    boolean stopNow(int batchesDone) {
        return closed || batchesDone > 0 && ingestBusyWithin.test(QUIET);
    }

    private void tick() {
        int batches = batchesNow();
        if (batches == 0) {
            return;
        }
        try {
            // Small batches, and none while reports arrive: on SQLite the index shares the one writer
            // with ingest, and a catch-up in one go cut full-report ingest ~3x (docs/benchmarks.md).
            int[] done = {0};
            indexer.run(BATCH, batches, () -> stopNow(done[0]++));
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
