package io.banwatch.collector.packs;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.ingest.Evaluator;
import io.banwatch.collector.ingest.Rejudger;
import io.banwatch.collector.jobs.JobLease;
import io.banwatch.model.ScanReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Re-judges every host in service from its latest stored inventory when the packs in force are
 * not the ones the fleet was judged with: after an administrator changed a pack, or after an
 * upgrade brought a newer built-in pack (the rules version, a fingerprint of every pack's SHA-256,
 * differs from the run's target).
 *
 * <p>Bounded: {@code batchSize} hosts per transaction, judged before it (the transaction only
 * writes). Resumable: the cursor moves in the batch's own transaction. Exactly once among
 * collectors sharing a database: one holds the {@link JobLease}, and a batch commits only when the
 * run is where the batch found it, so even a collector that outlived its lease cannot do a batch
 * twice. Each host is written only while it still has the judged inventory and is not judged with
 * these rules yet (see {@link Rejudger#write}).
 */
public final class RejudgeJob {
    public static final String JOB = "rules-rejudge";
    public static final int DEFAULT_BATCH = 500;
    private static final Logger LOG = LoggerFactory.getLogger(RejudgeJob.class);
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Database db;
    private final RulesInForce rules;
    private final Rejudger rejudger;
    private final JobLease lease;
    private final Clock clock;

    public RejudgeJob(Database db, RulesInForce rules, Rejudger rejudger, JobLease lease, Clock clock) {
        this.db = db;
        this.rules = rules;
        this.rejudger = rejudger;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * Works on the fleet's re-judging: up to {@code maxBatches} batches, less when it finishes,
     * another collector holds the job, or {@code stop} says so.
     *
     * @return the batches this call committed
     */
    public int run(int batchSize, int maxBatches, BooleanSupplier stop) {
        rules.refresh();
        RejudgeState seen = RejudgeState.read(db);
        if (seen.finishedAt() != null && rules.evaluator().rulesVersion().equals(seen.target())) {
            // Done with the packs in force: one read, rather than two lease writes every few seconds.
            return 0;
        }
        long now = clock.millis();
        if (!lease.tryAcquire(JOB, now, now + LEASE.toMillis())) {
            return 0;
        }
        int batches = 0;
        String result = "idle";
        try {
            while (batches < maxBatches && !stop.getAsBoolean()) {
                rules.refresh();
                Evaluator evaluator = rules.evaluator();
                RejudgeState state = startIfNeeded(evaluator.rulesVersion());
                if (state.finishedAt() != null) {
                    break;
                }
                if (batch(state, evaluator, Math.max(1, batchSize))) {
                    batches++;
                }
                result = "batch " + batches;
                if (!lease.renew(JOB, clock.millis() + LEASE.toMillis())) {
                    LOG.warn("re-judging: the lease ran out and another collector took the job; stopping here");
                    return batches;
                }
            }
        } catch (RuntimeException e) {
            result = "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warn("re-judging the fleet {}", result);
        } finally {
            lease.release(JOB, clock.millis(), clock.millis(), result);
        }
        return batches;
    }

    /** The run towards {@code target}: the one in the database, or a new one when its target is another. */
    private RejudgeState startIfNeeded(String target) {
        RejudgeState state = RejudgeState.read(db);
        if (target.equals(state.target())) {
            return state;
        }
        return db.retryingTransaction(c -> {
            RejudgeState locked = RejudgeState.read(c, db.dialect().forUpdate());
            if (target.equals(locked.target())) {
                return locked;
            }
            RejudgeState fresh = new RejudgeState(target, UUID.randomUUID().toString(), 1, 0, clock.millis(), null, 0, 0, 0);
            fresh.write(c);
            LOG.info("re-judging the fleet with {}", target);
            return fresh;
        });
    }

    private record Judged(Rejudger.Candidate host, ScanReport report, Evaluator.Judgement judgement) {
    }

    /**
     * One batch: the next hosts of this pass, judged, then written with the cursor in one
     * transaction, or nothing at all when the run moved meanwhile.
     *
     * @return true when it committed
     */
    private boolean batch(RejudgeState state, Evaluator evaluator, int batchSize) {
        List<Rejudger.Candidate> hosts = db.read(c -> rejudger.next(c, state.cursor(), state.target(), batchSize));
        // Reading and judging are most of the work, and both are safe in parallel (ingest does them on
        // every request thread): the common pool gives the batch every core, the writes stay serial.
        List<Optional<Judged>> loaded = hosts.parallelStream()
                .map(h -> rejudger.load(h).map(full -> new Judged(h, full, evaluator.judge(full))))
                .toList();
        List<Judged> judged = new ArrayList<>(hosts.size());
        loaded.forEach(j -> j.ifPresent(judged::add));
        int skipped = hosts.size() - judged.size();
        long now = clock.millis();
        String cause = "rules-" + state.runId() + "-" + state.pass();
        return db.retryingTransaction(c -> {
            RejudgeState locked = RejudgeState.read(c, db.dialect().forUpdate());
            if (!locked.samePlace(state) || !state.target().equals(locked.target())) {
                return false;
            }
            int done = 0;
            int transitions = 0;
            for (Judged j : judged) {
                Rejudger.Outcome o = write(c, j, now, cause);
                done += o == Rejudger.Outcome.CURRENT ? 0 : 1;
                transitions += o == Rejudger.Outcome.TRANSITIONED ? 1 : 0;
            }
            RejudgeState next;
            if (hosts.isEmpty()) {
                next = state.pass() == 1
                        ? new RejudgeState(state.target(), state.runId(), 2, 0, state.startedAt(), null, state.judged(),
                        state.transitions(), state.skipped())
                        : new RejudgeState(state.target(), state.runId(), 2, state.cursor(), state.startedAt(), now,
                        state.judged(), state.transitions(), state.skipped());
                if (next.finishedAt() != null) {
                    LOG.info("re-judged the fleet with {}: {} hosts, {} changed standing, {} without a stored inventory",
                            state.target(), state.judged(), state.transitions(), state.skipped());
                }
            } else {
                long last = hosts.get(hosts.size() - 1).pk();
                next = new RejudgeState(state.target(), state.runId(), state.pass(), last, state.startedAt(), null,
                        state.judged() + done, state.transitions() + transitions,
                        state.skipped() + (state.pass() == 1 ? skipped : 0));
            }
            next.write(c);
            return true;
        });
    }

    private Rejudger.Outcome write(java.sql.Connection c, Judged j, long now, String cause) throws SQLException {
        return rejudger.write(c, j.host(), j.report(), j.judgement(), now, cause);
    }
}
