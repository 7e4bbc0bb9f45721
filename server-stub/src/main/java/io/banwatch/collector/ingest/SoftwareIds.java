package io.banwatch.collector.ingest;

import io.banwatch.collector.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps packages to their row in the software table, inserting the ones never seen before.
 *
 * <p>Most packages of a fleet are the same few thousand, so ids are cached (bounded, least
 * recently used out). Ids found inside a transaction are only cached once it commits
 * ({@link #remember}), so a rollback cannot leave the cache pointing at rows that do not exist.
 * Cached ids stay right for good: catalogue rows are never updated or deleted.
 *
 * <p>Missing rows are always inserted in key order: collectors sharing a PostgreSQL database
 * then wait for each other's uncommitted rows in one direction only, never in a cycle.
 */
final class SoftwareIds {
    private final Map<SoftwareKey, Long> cache;

    SoftwareIds(int capacity) {
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<SoftwareKey, Long> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached id of every key, in order, or null when one of them is not cached. */
    long[] cached(SoftwareKey[] keys) {
        long[] ids = new long[keys.length];
        synchronized (cache) {
            for (int i = 0; i < keys.length; i++) {
                Long id = cache.get(keys[i]);
                if (id == null) {
                    return null;
                }
                ids[i] = id;
            }
        }
        return ids;
    }

    /** Ids for every key, inserting missing rows; newly learnt ids go into {@code learnt}. */
    Map<SoftwareKey, Long> resolve(Connection c, Collection<SoftwareKey> keys, Map<SoftwareKey, Long> learnt)
            throws SQLException {
        Map<SoftwareKey, Long> out = new HashMap<>(keys.size() * 2);
        Map<SoftwareKey, Long> missing = new TreeMap<>(SoftwareKey.ORDER);
        synchronized (cache) {
            for (SoftwareKey k : keys) {
                Long id = cache.get(k);
                if (id == null) {
                    id = learnt.get(k);
                }
                if (id != null) {
                    out.put(k, id);
                } else {
                    missing.put(k, null);
                }
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO software (name, version, publisher, source, arch) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (SoftwareKey k : missing.keySet()) {
                bind(ins, k);
                ins.addBatch();
            }
            ins.executeBatch();
        }
        try (PreparedStatement sel = c.prepareStatement(
                "SELECT id FROM software WHERE name = ? AND version = ? AND publisher = ? AND source = ? AND arch = ?")) {
            for (SoftwareKey k : missing.keySet()) {
                bind(sel, k);
                try (ResultSet rs = sel.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("software row vanished: " + k);
                    }
                    long id = rs.getLong(1);
                    out.put(k, id);
                    learnt.put(k, id);
                }
            }
        }
        return out;
    }

    /**
     * Makes sure every key has a committed catalogue row and a cached id, in a short transaction
     * of its own: the report transactions that follow then only read the catalogue, and hold no
     * locks on it while they lock host rows.
     */
    void prefetch(Database db, Collection<SoftwareKey> keys) {
        if (keys.isEmpty()) {
            return;
        }
        synchronized (cache) {
            if (cache.keySet().containsAll(keys)) {
                return;
            }
        }
        Map<SoftwareKey, Long> learnt = db.retryingTransaction(c -> {
            Map<SoftwareKey, Long> found = new HashMap<>();
            resolve(c, keys, found);
            return found;
        });
        remember(learnt);
    }

    /** Caches ids whose rows are now committed. */
    void remember(Map<SoftwareKey, Long> committed) {
        synchronized (cache) {
            cache.putAll(committed);
        }
    }

    private static void bind(PreparedStatement ps, SoftwareKey k) throws SQLException {
        ps.setString(1, k.name());
        ps.setString(2, k.version());
        ps.setString(3, k.publisher());
        ps.setString(4, k.source());
        ps.setString(5, k.arch());
    }
}
