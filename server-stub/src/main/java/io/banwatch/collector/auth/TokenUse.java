package io.banwatch.collector.auth;

import io.banwatch.collector.db.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tokens' last-use times, written in batches. Writing each use at once cost a write transaction
 * (and, on SQLite, an fsync and a turn of the one write lock) per authenticated request: at a
 * patch-day burst that was more write transactions than the reports themselves. A use is kept
 * in memory and written with the others at most every {@code every} ms, by whichever request
 * comes next, and on {@link #flush()} (shutdown, before a listing). Last use is informational and
 * already coarse (an hour), so losing the latest few seconds' uses in a crash costs nothing.
 */
final class TokenUse {
    private static final Logger LOG = LoggerFactory.getLogger(TokenUse.class);

    private final Database db;
    private final Clock clock;
    private final long everyMs;
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong lastFlush = new AtomicLong();
    private final AtomicBoolean flushing = new AtomicBoolean();

    TokenUse(Database db, Clock clock, long everyMs) {
        this.db = db;
        this.clock = clock;
        this.everyMs = everyMs;
        this.lastFlush.set(clock.millis());
    }

    /** Notes that token {@code id} was used at {@code at}; written later, with the others. */
    void record(long id, long at) {
        pending.merge(id, at, Math::max);
        if (at - lastFlush.get() >= everyMs) {
            flushFrom(at);
        }
    }

    /** Writes every use noted so far, now. */
    void flush() {
        flushFrom(clock.millis());
    }

    private void flushFrom(long now) {
        if (pending.isEmpty() || !flushing.compareAndSet(false, true)) {
            return;
        }
        try {
            lastFlush.set(now);
            Map<Long, Long> batch = new HashMap<>();
            for (Long id : pending.keySet()) {
                Long at = pending.remove(id);
                if (at != null) {
                    batch.put(id, at);
                }
            }
            if (batch.isEmpty()) {
                return;
            }
            try {
                write(batch);
            } catch (RuntimeException e) {
                // Kept for the next flush: a request must not fail because a last-use time could not be written.
                batch.forEach((id, at) -> pending.merge(id, at, Math::max));
                LOG.warn("tokens' last-use times not written yet: {}", e.getMessage() == null ? e.toString() : e.getMessage());
            }
        } finally {
            flushing.set(false);
        }
    }

    private void write(Map<Long, Long> batch) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
                for (Map.Entry<Long, Long> e : batch.entrySet()) {
                    ps.setLong(1, e.getValue());
                    ps.setLong(2, e.getKey());
                    ps.setLong(3, e.getValue());
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }
}
