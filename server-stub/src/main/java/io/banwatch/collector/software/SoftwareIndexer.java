package io.banwatch.collector.software;

import io.banwatch.collector.api.SoftwareFilter;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.ingest.PackedLinks;
import io.banwatch.collector.jobs.JobLease;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * Keeps the fleet's software index (software_index, software_counts, title_counts) up with the
 * hosts' packed inventories, after ingest rather than inside it: ingest only bumps a host's
 * {@code host_inventories.gen}, and this job diffs the host's links against the copy it indexed
 * last time ({@code indexed_links}) and applies the difference.
 *
 * <p>Bounded: {@code batchSize} hosts per transaction. Resumable: what is done is what carries
 * {@code indexed_gen = gen}, written in the batch's own transaction, so a restart goes on with the
 * hosts still pending. Exactly once: one collector holds the {@link JobLease}, and a host's diff is
 * applied only if its row still has the {@code gen} and {@code indexed_gen} the diff was made from
 * (an optimistic check under the row lock), so neither a report arriving meanwhile nor a second
 * indexer that outlived its lease can make a count wrong.
 */
public final class SoftwareIndexer {
    public static final String JOB = "software-index";
    public static final int DEFAULT_BATCH = 200;
    private static final Logger LOG = LoggerFactory.getLogger(SoftwareIndexer.class);
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final int NAME_CACHE = 200_000;

    private final Database db;
    private final JobLease lease;
    private final Clock clock;
    private final Map<Long, String> names = new java.util.LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, String> eldest) {
            return size() > NAME_CACHE;
        }
    };
    private final Map<Long, String> scopeKinds = new HashMap<>();

    public SoftwareIndexer(Database db, JobLease lease, Clock clock) {
        this.db = db;
        this.lease = lease;
        this.clock = clock;
    }

    /**
     * Indexes pending hosts: up to {@code maxBatches} batches, less when none is left, another
     * collector holds the job, or {@code stop} says so.
     *
     * @return the hosts indexed by this call
     */
    public int run(int batchSize, int maxBatches, BooleanSupplier stop) {
        if (!anyPending()) {
            return 0;
        }
        long now = clock.millis();
        if (!lease.tryAcquire(JOB, now, now + LEASE.toMillis())) {
            return 0;
        }
        int done = 0;
        String result = "idle";
        try {
            for (int b = 0; b < maxBatches && !stop.getAsBoolean(); b++) {
                List<Pending> hosts = db.read(c -> pending(c, Math.max(1, batchSize)));
                if (hosts.isEmpty()) {
                    break;
                }
                done += batch(hosts);
                result = "indexed " + done + " hosts";
                if (!lease.renew(JOB, clock.millis() + LEASE.toMillis())) {
                    LOG.warn("software index: the lease ran out and another collector took the job; stopping here");
                    return done;
                }
            }
        } catch (RuntimeException e) {
            result = "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage());
            LOG.warn("software index {}", result);
        } finally {
            // Due again at once: the next call decides from the pending hosts, not from a period.
            lease.release(JOB, clock.millis(), clock.millis(), result);
        }
        if (done > 0) {
            LOG.debug("software index: {}", result);
        }
        return done;
    }

    private boolean anyPending() {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT host_pk FROM host_inventories WHERE indexed_gen <> gen LIMIT 1");
                 ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    /**
     * A host whose inventory the index does not reflect, as read outside the batch's transaction.
     *
     * @param indexedOs the OS family its indexed rows were counted under, or null when none are
     * @param os        its OS family now, or null when it is retired (its packages leave the index)
     */
    private record Pending(long pk, long gen, long indexedGen, byte[] links, byte[] indexedLinks, String indexedOs,
                           String os, long changedAt) {
    }

    private static List<Pending> pending(Connection c, int limit) throws SQLException {
        List<Pending> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT i.host_pk, i.gen, i.indexed_gen, i.links, i.indexed_links,"
                + " i.indexed_os, h.os_family, h.retired_at, i.changed_at, h.last_seen FROM host_inventories i"
                + " JOIN hosts h ON h.pk = i.host_pk WHERE i.indexed_gen <> i.gen ORDER BY i.host_pk LIMIT ?")) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(8);
                    boolean retired = !rs.wasNull();
                    long changedAt = rs.getLong(9);
                    if (rs.wasNull()) {
                        // Stored before the index existed: the host's last report is the best known time.
                        changedAt = rs.getLong(10);
                    }
                    out.add(new Pending(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getBytes(4), rs.getBytes(5),
                            rs.getString(6), retired ? null : rs.getString(7), changedAt));
                }
            }
        }
        return out;
    }

    /** One host's part of a batch: the links it gains and loses, and the count keys it enters and leaves. */
    private record Diff(Pending host, List<long[]> added, List<long[]> removed, Map<CountKey, Integer> software,
                        Map<TitleKey, Integer> titles) {
    }

    private record CountKey(long softwareId, String os, String kind) implements Comparable<CountKey> {
        @Override
        public int compareTo(CountKey o) {
            int c = Long.compare(softwareId, o.softwareId);
            c = c != 0 ? c : os.compareTo(o.os);
            return c != 0 ? c : kind.compareTo(o.kind);
        }
    }

    private record TitleKey(String name, String os, String kind) implements Comparable<TitleKey> {
        @Override
        public int compareTo(TitleKey o) {
            int c = name.compareTo(o.name);
            c = c != 0 ? c : os.compareTo(o.os);
            return c != 0 ? c : kind.compareTo(o.kind);
        }
    }

    private int batch(List<Pending> hosts) {
        long now = clock.millis();
        return db.retryingTransaction(c -> {
            List<Diff> diffs = new ArrayList<>(hosts.size());
            for (Pending p : hosts) {
                diffs.add(diff(c, p));
            }
            List<Diff> applied = new ArrayList<>(diffs.size());
            try (PreparedStatement ps = c.prepareStatement("UPDATE host_inventories SET indexed_gen = ?, indexed_links = ?,"
                    + " indexed_os = ? WHERE host_pk = ? AND gen = ? AND indexed_gen = ?")) {
                for (Diff d : diffs) {
                    Pending p = d.host();
                    ps.setLong(1, p.gen());
                    if (p.os() == null) {
                        ps.setNull(2, java.sql.Types.BINARY);
                        ps.setNull(3, java.sql.Types.VARCHAR);
                    } else {
                        ps.setBytes(2, p.links());
                        ps.setString(3, p.os());
                    }
                    ps.setLong(4, p.pk());
                    ps.setLong(5, p.gen());
                    ps.setLong(6, p.indexedGen());
                    // Changed since it was read (a report, or another indexer): left for the next batch.
                    if (ps.executeUpdate() == 1) {
                        applied.add(d);
                    }
                }
            }
            apply(c, applied);
            try (PreparedStatement ps = c.prepareStatement("UPDATE software_index_state SET last_batch_at = ? WHERE id = 1")) {
                ps.setLong(1, now);
                ps.executeUpdate();
            }
            return applied.size();
        });
    }

    private Diff diff(Connection c, Pending p) throws SQLException {
        Set<Pair> before = pairs(p.indexedOs() == null ? null : p.indexedLinks());
        Set<Pair> after = pairs(p.os() == null ? null : p.links());
        List<long[]> added = new ArrayList<>();
        List<long[]> removed = new ArrayList<>();
        for (Pair x : after) {
            if (!before.contains(x)) {
                added.add(new long[]{x.software(), x.scope()});
            }
        }
        for (Pair x : before) {
            if (!after.contains(x)) {
                removed.add(new long[]{x.software(), x.scope()});
            }
        }
        Set<Long> ids = new HashSet<>();
        before.forEach(x -> ids.add(x.software()));
        after.forEach(x -> ids.add(x.software()));
        Map<Long, String> nameOf = names(c, ids);
        Map<CountKey, Integer> software = new HashMap<>();
        Map<TitleKey, Integer> titles = new HashMap<>();
        if (p.indexedOs() != null) {
            keys(c, before, p.indexedOs(), nameOf, software, titles, -1);
        }
        if (p.os() != null) {
            keys(c, after, p.os(), nameOf, software, titles, +1);
        }
        software.values().removeIf(v -> v == 0);
        titles.values().removeIf(v -> v == 0);
        return new Diff(p, added, removed, software, titles);
    }

    private record Pair(long software, long scope) {
    }

    private static Set<Pair> pairs(byte[] packed) {
        if (packed == null) {
            return Set.of();
        }
        long[] raw = PackedLinks.decode(packed);
        Set<Pair> out = new HashSet<>(raw.length);
        for (int i = 0; i < raw.length; i += 2) {
            out.add(new Pair(raw[i], raw[i + 1]));
        }
        return out;
    }

    /** Adds {@code sign} for each count key this host is under with these links: each key once. */
    private void keys(Connection c, Set<Pair> links, String os, Map<Long, String> nameOf,
                      Map<CountKey, Integer> software, Map<TitleKey, Integer> titles, int sign) throws SQLException {
        Set<CountKey> sk = new HashSet<>();
        Set<TitleKey> tk = new HashSet<>();
        for (Pair x : links) {
            String kind = scopeKind(c, x.scope());
            String name = nameOf.get(x.software());
            sk.add(new CountKey(x.software(), os, kind));
            sk.add(new CountKey(x.software(), os, SoftwareFilter.ANY_SCOPE));
            if (name != null) {
                tk.add(new TitleKey(name, os, kind));
                tk.add(new TitleKey(name, os, SoftwareFilter.ANY_SCOPE));
            }
        }
        sk.forEach(k -> software.merge(k, sign, Integer::sum));
        tk.forEach(k -> titles.merge(k, sign, Integer::sum));
    }

    private void apply(Connection c, List<Diff> diffs) throws SQLException {
        Map<CountKey, Integer> software = new TreeMap<>();
        Map<TitleKey, Integer> titles = new TreeMap<>();
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO software_index (software_id, host_pk, scope_id,"
                + " first_seen) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
             PreparedStatement del = c.prepareStatement("DELETE FROM software_index WHERE software_id = ? AND host_pk = ?"
                     + " AND scope_id = ?")) {
            int pendingIns = 0;
            int pendingDel = 0;
            for (Diff d : diffs) {
                for (long[] x : d.added()) {
                    ins.setLong(1, x[0]);
                    ins.setLong(2, d.host().pk());
                    ins.setLong(3, x[1]);
                    ins.setLong(4, d.host().changedAt());
                    ins.addBatch();
                    if (++pendingIns == 1000) {
                        ins.executeBatch();
                        pendingIns = 0;
                    }
                }
                for (long[] x : d.removed()) {
                    del.setLong(1, x[0]);
                    del.setLong(2, d.host().pk());
                    del.setLong(3, x[1]);
                    del.addBatch();
                    if (++pendingDel == 1000) {
                        del.executeBatch();
                        pendingDel = 0;
                    }
                }
                d.software().forEach((k, v) -> software.merge(k, v, Integer::sum));
                d.titles().forEach((k, v) -> titles.merge(k, v, Integer::sum));
            }
            ins.executeBatch();
            del.executeBatch();
        }
        // In key order, so two writers of the same count rows (there should be one) cannot deadlock.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO software_counts (software_id, os_family, scope_kind,"
                + " hosts) VALUES (?, ?, ?, ?) ON CONFLICT (software_id, os_family, scope_kind) DO UPDATE SET"
                + " hosts = software_counts.hosts + excluded.hosts")) {
            for (Map.Entry<CountKey, Integer> e : software.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                ps.setLong(1, e.getKey().softwareId());
                ps.setString(2, e.getKey().os());
                ps.setString(3, e.getKey().kind());
                ps.setInt(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO title_counts (name, os_family, scope_kind, hosts)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (name, os_family, scope_kind) DO UPDATE SET"
                + " hosts = title_counts.hosts + excluded.hosts")) {
            for (Map.Entry<TitleKey, Integer> e : titles.entrySet()) {
                if (e.getValue() == 0) {
                    continue;
                }
                ps.setString(1, e.getKey().name());
                ps.setString(2, e.getKey().os());
                ps.setString(3, e.getKey().kind());
                ps.setInt(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The names of these catalogue rows; rows are never changed, so cached ids stay right. */
    private Map<Long, String> names(Connection c, Set<Long> ids) throws SQLException {
        Map<Long, String> out = new HashMap<>(ids.size() * 2);
        List<Long> missing = new ArrayList<>();
        synchronized (names) {
            for (Long id : ids) {
                String n = names.get(id);
                if (n == null) {
                    missing.add(id);
                } else {
                    out.put(id, n);
                }
            }
        }
        for (int from = 0; from < missing.size(); from += 500) {
            List<Long> part = missing.subList(from, Math.min(missing.size(), from + 500));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM software WHERE id IN ("
                    + String.join(",", Collections.nCopies(part.size(), "?")) + ")")) {
                for (int i = 0; i < part.size(); i++) {
                    ps.setLong(i + 1, part.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), rs.getString(2));
                    }
                }
            }
        }
        synchronized (names) {
            missing.forEach(id -> {
                String n = out.get(id);
                if (n != null) {
                    names.put(id, n);
                }
            });
        }
        return out;
    }

    private String scopeKind(Connection c, long scopeId) throws SQLException {
        synchronized (scopeKinds) {
            String kind = scopeKinds.get(scopeId);
            if (kind != null) {
                return kind;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM scopes"); ResultSet rs = ps.executeQuery()) {
            synchronized (scopeKinds) {
                while (rs.next()) {
                    scopeKinds.put(rs.getLong(1), SoftwareFilter.scopeKind(rs.getString(2)));
                }
                return scopeKinds.getOrDefault(scopeId, SoftwareFilter.MACHINE_SCOPE);
            }
        }
    }
}
