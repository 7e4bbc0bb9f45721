package io.banwatch.collector.ingest;

import io.banwatch.collector.db.Params;
import io.banwatch.model.Software;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A report's links to the software catalogue, worked out on the request thread before the report
 * reaches the single writer: the keys always, and the packed links too when every package and
 * scope already has a committed id (the usual case: a fleet shares its packages). The writer then
 * only stores the bytes, and resolves ids itself only for what the caches did not know.
 */
final class LinkPlan {
    /** The packed links and how many distinct (package, scope) pairs they hold. */
    record Packed(byte[] bytes, int count) {
    }

    private final List<Software> software;
    private final SoftwareKey[] keys;
    private final Packed packed;

    private LinkPlan(List<Software> software, SoftwareKey[] keys, Packed packed) {
        this.software = software;
        this.keys = keys;
        this.packed = packed;
    }

    /** The plan for {@code software}, packed already when the caches know every id. */
    static LinkPlan of(List<Software> software, SoftwareIds softwareIds, ScopeIds scopeIds) {
        SoftwareKey[] keys = new SoftwareKey[software.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = SoftwareKey.of(software.get(i));
        }
        long[] ids = softwareIds.cached(keys);
        if (ids == null) {
            return new LinkPlan(software, keys, null);
        }
        long[] scopes = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            Long scope = scopeIds.cached(scopeOf(software.get(i)));
            if (scope == null) {
                return new LinkPlan(software, keys, null);
            }
            scopes[i] = scope;
        }
        return new LinkPlan(software, keys, pack(ids, scopes));
    }

    /** Whether the writer has nothing left to look up. */
    boolean isPacked() {
        return packed != null;
    }

    /** The packed links, resolving (and inserting, in this transaction) what the plan could not. */
    Packed resolve(Connection c, SoftwareIds softwareIds, ScopeIds scopeIds, Learnt learnt) throws SQLException {
        if (packed != null) {
            return packed;
        }
        Map<SoftwareKey, Long> found = softwareIds.resolve(c, Arrays.asList(keys), learnt.software());
        long[] ids = new long[keys.length];
        long[] scopes = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            ids[i] = found.get(keys[i]);
            scopes[i] = scopeIds.id(c, scopeOf(software.get(i)), learnt.scopes());
        }
        return pack(ids, scopes);
    }

    private static String scopeOf(Software s) {
        return Params.cut(s.scope(), 200);
    }

    private static Packed pack(long[] ids, long[] scopes) {
        Set<Long> seen = new HashSet<>(ids.length * 2);
        long[] pairs = new long[ids.length * 2];
        int n = 0;
        for (int i = 0; i < ids.length; i++) {
            // A package listed twice in the same scope is linked once.
            if (seen.add(ids[i] * 1_000_003L + scopes[i])) {
                pairs[n++] = ids[i];
                pairs[n++] = scopes[i];
            }
        }
        return new Packed(PackedLinks.encode(Arrays.copyOf(pairs, n)), n / 2);
    }
}
