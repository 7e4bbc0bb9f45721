package io.banwatch.collector.ingest;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Numbers for install scopes ({@code machine}, {@code user:<SID>}). A fleet has one scope per
 * user account it ever saw, so all of them are cached. A number is cached only once its row is
 * known to exist (found, or committed by the transaction that wrote it).
 */
final class ScopeIds {
    private final Map<String, Long> cache = new ConcurrentHashMap<>();

    long id(Connection c, String scope, Map<String, Long> learnt) throws SQLException {
        Long id = cache.get(scope);
        if (id == null) {
            id = learnt.get(scope);
        }
        if (id != null) {
            return id;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO scopes (name) VALUES (?) ON CONFLICT DO NOTHING")) {
            ins.setString(1, scope);
            ins.executeUpdate();
        }
        try (PreparedStatement sel = c.prepareStatement("SELECT id FROM scopes WHERE name = ?")) {
            sel.setString(1, scope);
            try (ResultSet rs = sel.executeQuery()) {
                rs.next();
                long found = rs.getLong(1);
                learnt.put(scope, found);
                return found;
            }
        }
    }

    /** The scope's number when it is cached, else null. */
    Long cached(String scope) {
        return cache.get(scope);
    }

    void remember(Map<String, Long> committed) {
        cache.putAll(committed);
    }
}
