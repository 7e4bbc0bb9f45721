package io.banwatch.agent.send;

import io.banwatch.agent.spool.Spool;
import io.banwatch.agent.spool.SpooledReport;
import io.banwatch.retry.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Sends the spool, oldest report first, deleting each only once the collector acknowledged it.
 * A busy or unreachable collector is retried with exponential backoff and full jitter, honouring
 * Retry-After, within a time budget; what is not sent by then stays for the next run. A refused
 * token stops the run; a report the collector calls invalid is quarantined, never retried forever.
 */
public final class SpoolFlusher {
    private static final Logger LOG = LoggerFactory.getLogger(SpoolFlusher.class);

    private final Spool spool;
    private final CollectorClient client;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration budget;
    private final AcknowledgedInventory acknowledged;

    /**
     * Where the agent remembers the last inventory the collector acknowledged: an unchanged
     * inventory is then sent as a slim report naming it, a kilobyte instead of a hundred.
     */
    public interface AcknowledgedInventory {
        String hash();

        void remember(String inventoryHash);

        /** Nothing remembered: every report is sent in full. */
        AcknowledgedInventory NONE = new AcknowledgedInventory() {
            @Override
            public String hash() {
                return null;
            }

            @Override
            public void remember(String inventoryHash) {
            }
        };
    }

    public SpoolFlusher(Spool spool, CollectorClient client, Backoff backoff, RandomGenerator random, Sleeper sleeper,
                        Clock clock, Duration budget) {
        this(spool, client, backoff, random, sleeper, clock, budget, AcknowledgedInventory.NONE);
    }

    public SpoolFlusher(Spool spool, CollectorClient client, Backoff backoff, RandomGenerator random, Sleeper sleeper,
                        Clock clock, Duration budget, AcknowledgedInventory acknowledged) {
        this.acknowledged = acknowledged;
        this.spool = spool;
        this.client = client;
        this.backoff = backoff;
        this.random = random;
        this.sleeper = sleeper;
        this.clock = clock;
        this.budget = budget;
    }

    /**
     * The result of one run.
     *
     * @param sent        reports acknowledged
     * @param quarantined reports moved aside as undeliverable
     * @param remaining   reports still waiting
     * @param problem     why the run stopped early, or null when the spool is empty
     * @param refused     the collector refused the agent itself (re-enrollment needed)
     */
    public record Result(int sent, int quarantined, int remaining, String problem, boolean refused) {
        public boolean complete() {
            return remaining == 0;
        }
    }

    public Result flush(String token) {
        long deadline = clock.millis() + budget.toMillis();
        int sent = 0;
        int quarantined = 0;
        List<SpooledReport> pending = spool.pending();
        for (int i = 0; i < pending.size(); i++) {
            SpooledReport r = pending.get(i);
            Spool.Loaded loaded = spool.load(r);
            if (loaded == null) {
                quarantined++;
                continue;
            }
            String hash = loaded.report().inventoryHash();
            boolean slim = hash.equals(acknowledged.hash());
            byte[] body = slim ? spool.encode(loaded.report().withoutInventory()) : loaded.gzip();
            int failures = 0;
            while (true) {
                SendOutcome outcome = client.postReport(body, token);
                if (outcome instanceof SendOutcome.Acknowledged) {
                    spool.acknowledge(r);
                    acknowledged.remember(hash);
                    sent++;
                    break;
                }
                if (slim && outcome instanceof SendOutcome.Invalid invalid && invalid.status() == 409) {
                    // The collector lost (or never kept) that inventory: send it whole, at once.
                    slim = false;
                    body = loaded.gzip();
                    continue;
                }
                if (outcome instanceof SendOutcome.Invalid invalid) {
                    LOG.error("the collector refused report {} as invalid and it was quarantined: {}", r.reportId(),
                            invalid.reason());
                    spool.quarantine(r.file(), invalid.reason());
                    quarantined++;
                    break;
                }
                if (outcome instanceof SendOutcome.Refused refused) {
                    return new Result(sent, quarantined, pending.size() - i, refused.reason()
                            + " (re-enroll with 'banwatch enroll')", true);
                }
                SendOutcome.Retry retry = (SendOutcome.Retry) outcome;
                failures++;
                long wait = retry.retryAfterMillis() >= 0
                        ? Math.min(retry.retryAfterMillis(), backoff.capMillis())
                        : backoff.delayMillis(failures, random);
                if (clock.millis() + wait > deadline) {
                    return new Result(sent, quarantined, pending.size() - i, retry.reason(), false);
                }
                LOG.info("report {} not sent ({}); retrying in {} ms", r.reportId(), retry.reason(), wait);
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(sent, quarantined, pending.size() - i, "interrupted", false);
                }
            }
        }
        return new Result(sent, quarantined, 0, null, false);
    }
}
