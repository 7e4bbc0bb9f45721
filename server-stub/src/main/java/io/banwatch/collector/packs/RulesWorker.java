package io.banwatch.collector.packs;

import io.banwatch.collector.jobs.BackgroundTicker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

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
    private final BackgroundTicker worker;
    private volatile boolean closed;

    /** @param rejudge whether this collector takes part in re-judging (its {@code jobs.worker} setting) */
    public RulesWorker(RulesInForce rules, RejudgeJob job, boolean rejudge) {
        this.rules = rules;
        this.job = job;
        this.rejudge = rejudge;
        this.worker = new BackgroundTicker("banwatch-rules");
    }

    public RulesWorker start(Duration every) {
        worker.every(every, this::tick);
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
        worker.close();
    }
}
