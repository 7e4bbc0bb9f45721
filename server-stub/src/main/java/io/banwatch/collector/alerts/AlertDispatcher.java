package io.banwatch.collector.alerts;

import io.banwatch.retry.Backoff;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.jobs.BackgroundTicker;
import io.banwatch.collector.metrics.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.random.RandomGenerator;

/**
 * Delivers one channel's rows of the alert outbox (one dispatcher per channel): each alert is
 * claimed with a lease, so exactly one worker — of this collector or of another sharing the
 * database — sends it; a failure is retried with backoff; a delivered alert is never sent again.
 * The outbox lives in the database, so pending alerts survive a restart.
 *
 * <p>A crash between the receiver's answer and the delivery mark can still repeat one delivery;
 * every payload carries a stable {@code alertKey} (the webhook's {@code Idempotency-Key} header,
 * the mail's {@code Message-ID}) for receivers that must drop such a repeat.
 */
public final class AlertDispatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);
    /** Attempts before an alert is given up (failed_at set, banwatch_alerts_abandoned_total counts it). */
    public static final int MAX_ATTEMPTS = 20;
    /** Retry waits: full jitter over 2 s doubling per failure, up to an hour. */
    public static final Backoff BACKOFF = new Backoff(2_000, 3_600_000);
    /**
     * The shortest wait before a retry. Full jitter can draw zero, which would make a failed alert
     * due again at once and let the same round send it straight back to a receiver that just failed.
     */
    static final long MIN_RETRY_MS = 1_000;
    private static final int CLAIM_BATCH = 20;
    private static final long LEASE_MS = 60_000;
    /** Rounds of claims in one {@link #deliverDue} call, so a full outbox drains without waiting for the timer. */
    private static final int MAX_CLAIMS_PER_ROUND = 50;

    private final Database db;
    private final AlertChannel channel;
    /**
     * The longest one delivery can take. An alert is only sent while that much of its lease is
     * left, so its lease cannot run out mid-send and let another collector claim and send it a
     * second time.
     */
    private final long sendBudgetMs;
    private final Clock clock;
    private final Metrics metrics;
    private final RandomGenerator random;
    /** Names this collector in lease_owner (VARCHAR(64)) next to a per-claim id: 18 + 1 + 36 characters. */
    private final String owner = "collector-" + UUID.randomUUID().toString().substring(0, 8);
    private final BackgroundTicker worker;
    private final AtomicBoolean wakePending = new AtomicBoolean();

    public AlertDispatcher(Database db, AlertChannel channel, Clock clock, Metrics metrics, RandomGenerator random) {
        if (channel.sendBudgetMs() >= LEASE_MS) {
            throw new IllegalArgumentException("one " + channel.name() + " delivery may take " + channel.sendBudgetMs()
                    + " ms, longer than an alert's lease (" + LEASE_MS + " ms)");
        }
        this.db = db;
        this.channel = channel;
        this.sendBudgetMs = channel.sendBudgetMs();
        this.clock = clock;
        this.metrics = metrics;
        this.random = random;
        this.worker = new BackgroundTicker("banwatch-alerts-" + channel.name(), Duration.ofSeconds(5));
    }

    /** The outbox channel this dispatcher delivers. */
    public String channel() {
        return channel.name();
    }

    public AlertDispatcher start(Duration every) {
        worker.every(Duration.ZERO, every, this::deliverDueSafely);
        return this;
    }

    /**
     * Asks the worker to look now (after new alerts were committed). Wakes that arrive while one
     * is already queued are folded into it: a busy ingest must not queue a claim per report.
     */
    public void wake() {
        if (wakePending.compareAndSet(false, true)) {
            worker.soon(() -> {
                wakePending.set(false);
                deliverDueSafely();
            });
        }
    }

    private void deliverDueSafely() {
        try {
            deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("{} alert delivery round failed: {}", channel.name(),
                    e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /**
     * An alert this worker holds; {@code lease} is the claim's lease_owner, checked on every write
     * back; {@code hostname} and {@code hostId} name the host it is about (null for the digest), for the log.
     */
    private record Claimed(long id, String payload, int attempts, String key, String lease, String hostId,
                           String hostname) {
        String describe() {
            return hostId == null ? "alert " + key : "alert for host " + hostname + " (id " + hostId + ")";
        }
    }

    /**
     * One round: claim what is due, send it, record the result; again while claims come back
     * full. Returns how many were sent.
     */
    public int deliverDue() {
        int delivered = 0;
        for (int round = 0; round < MAX_CLAIMS_PER_ROUND; round++) {
            long claimedAt = clock.millis();
            List<Claimed> claimed = claim(claimedAt);
            for (int i = 0; i < claimed.size(); i++) {
                if (clock.millis() > claimedAt + LEASE_MS - sendBudgetMs) {
                    // Slow receiver: hand the rest back rather than send on an expiring lease.
                    release(claimed.subList(i, claimed.size()));
                    return delivered;
                }
                if (send(claimed.get(i))) {
                    delivered++;
                }
            }
            if (claimed.size() < CLAIM_BATCH) {
                break;
            }
        }
        return delivered;
    }

    /** Sends one claimed alert and records the outcome; true when the receiver took it. */
    private boolean send(Claimed a) {
        String error = channel.send(a.key(), a.payload());
        if (error == null) {
            if (!markDelivered(a)) {
                LOG.warn("{} was delivered by {} after its lease passed to another worker; the receiver may get it"
                        + " again (same alert key)", a.describe(), channel.name());
                return false;
            }
            metrics.alertDelivered();
            return true;
        }
        metrics.alertAttemptFailed();
        markFailed(a, error);
        return false;
    }

    private List<Claimed> claim(long now) {
        String lease = owner + ":" + UUID.randomUUID();
        return db.retryingTransaction(c -> {
            // The outer conditions are re-checked on every row, so two workers never claim the same
            // alert: under PostgreSQL's READ COMMITTED, a worker that finds a row locked by another's
            // claim waits, then re-checks the conditions on the claimed row and skips it.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET lease_owner = ?, lease_until = ? WHERE channel = ? AND delivered_at IS NULL"
                            + " AND failed_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)"
                            + " AND id IN (SELECT id FROM alerts WHERE channel = ? AND delivered_at IS NULL"
                            + " AND failed_at IS NULL AND next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)"
                            + " ORDER BY id LIMIT " + CLAIM_BATCH + ")")) {
                ps.setString(1, lease);
                ps.setLong(2, now + LEASE_MS);
                ps.setString(3, channel.name());
                ps.setLong(4, now);
                ps.setLong(5, now);
                ps.setString(6, channel.name());
                ps.setLong(7, now);
                ps.setLong(8, now);
                ps.executeUpdate();
            }
            List<Claimed> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT a.id, a.payload, a.attempts, a.alert_key, h.host_id, h.hostname FROM alerts a"
                            + " LEFT JOIN hosts h ON h.pk = a.host_pk WHERE a.lease_owner = ? ORDER BY a.id")) {
                ps.setString(1, lease);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Claimed(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), lease,
                                rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    private void release(List<Claimed> unsent) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
                for (Claimed a : unsent) {
                    ps.setLong(1, a.id());
                    ps.setString(2, a.lease());
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    /*
     * Every write back is conditional on still holding the claim's lease: a worker whose lease ran
     * out (a stalled process, a long GC pause) must not overwrite the state another worker, which
     * has claimed the alert since, is about to record.
     */

    /** True when recorded; false when the lease had passed to another worker. */
    private boolean markDelivered(Claimed a) {
        long now = clock.millis();
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET delivered_at = ?, attempts = attempts + 1, lease_owner = NULL, lease_until = NULL,"
                            + " last_error = NULL WHERE id = ? AND lease_owner = ?")) {
                ps.setLong(1, now);
                ps.setLong(2, a.id());
                ps.setString(3, a.lease());
                return ps.executeUpdate();
            }
        }) == 1;
    }

    private void markFailed(Claimed a, String error) {
        long now = clock.millis();
        int attempts = a.attempts() + 1;
        boolean giveUp = attempts >= MAX_ATTEMPTS;
        long delay = retryDelayMillis(attempts, random);
        int updated = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE alerts SET attempts = ?, next_attempt_at = ?, last_error = ?, failed_at = ?,"
                            + " lease_owner = NULL, lease_until = NULL WHERE id = ? AND lease_owner = ?")) {
                ps.setInt(1, attempts);
                ps.setLong(2, now + delay);
                ps.setString(3, error.length() > 500 ? error.substring(0, 500) : error);
                if (giveUp) {
                    ps.setLong(4, now);
                } else {
                    ps.setNull(4, java.sql.Types.BIGINT);
                }
                ps.setLong(5, a.id());
                ps.setString(6, a.lease());
                return ps.executeUpdate();
            }
        });
        String what = a.describe() + " to " + channel.describe();
        if (updated == 0) {
            LOG.warn("{}: {}; its lease passed to another worker meanwhile, so this attempt is not recorded", what, error);
            return;
        }
        LOG.warn("{}: {} (attempt {} of {}); {}", what, error, attempts, MAX_ATTEMPTS,
                giveUp ? "giving up" : "retry in " + (delay + 999) / 1000 + " s");
        if (giveUp) {
            metrics.alertAbandoned();
        }
    }

    /** How long after its {@code failures}-th failed attempt an alert is due again. */
    static long retryDelayMillis(int failures, RandomGenerator random) {
        return Math.max(MIN_RETRY_MS, BACKOFF.delayMillis(failures, random));
    }

    @Override
    public void close() {
        worker.close();
    }
}
