package io.banwatch.collector.packs;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each collector's background look at the rule packs: every period it loads the packs again if
 * another collector changed them, and (when it runs jobs) works on the fleet's re-judging until
 * that is done.
 */
public final class RulesWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RulesWorker.class);

    private final RulesInForce rules;
    private final RejudgeJob job;
    private final boolean rejudge;
    private final ScheduledExecutorService worker;
    private volatile boolean closed;

    /** @param rejudge whether this collector takes part in re-judging (its {@code jobs.worker} setting) */
    public RulesWorker(RulesInForce rules, RejudgeJob job, boolean rejudge) {
        this.rules = rules;
        this.job = job;
        this.rejudge = rejudge;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "banwatch-rules");
            t.setDaemon(true);
            return t;
        });
    }

    public RulesWorker start(Duration every) {
        worker.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    private void tick() {
        try {
            if (rules.refresh()) {
                LOG.info("rule packs changed: judging with {}", rules.evaluator().rulesVersion());
            }
            if (rejudge) {
                job.run(RejudgeJob.DEFAULT_BATCH, Integer.MAX_VALUE, () -> closed);
            }
        } catch (RuntimeException e) {
            LOG.warn("rule packs: {}", e.getMessage() == null ? e.toString() : e.getMessage());
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
