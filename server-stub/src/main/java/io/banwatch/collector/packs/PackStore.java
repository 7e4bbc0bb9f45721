package io.banwatch.collector.packs;

import io.banwatch.collector.db.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code rule_packs} and {@code rules_state.generation} rows: which packs the organisation added. */
final class PackStore {
    private final Database db;

    PackStore(Database db) {
        this.db = db;
    }

    /** Every stored pack, in id order: the order they are judged in, after the built-in ones. */
    List<StoredPack> all() {
        return db.read(PackStore::all);
    }

    static List<StoredPack> all(Connection c) throws SQLException {
        List<StoredPack> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, title, version, sha256, content, added_by, added_at"
                + " FROM rule_packs ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredPack(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getBytes(5), rs.getString(6), rs.getLong(7)));
            }
        }
        return out;
    }

    /** The generation of the stored packs: it grows with every change. */
    long generation() {
        return db.read(PackStore::generation);
    }

    static long generation(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM rules_state WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Locks the state row, so changes of the packs are applied one at a time, on every collector
     * sharing the database, and returns the stored pack with this id.
     */
    static Optional<StoredPack> lockAndFind(Connection c, Database db, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT generation FROM rules_state WHERE id = 1"
                + db.dialect().forUpdate())) {
            ps.executeQuery().close();
        }
        for (StoredPack p : all(c)) {
            if (p.id().equals(id)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    static void put(Connection c, StoredPack p) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_packs (id, title, version, sha256, content,"
                + " added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET title = excluded.title,"
                + " version = excluded.version, sha256 = excluded.sha256, content = excluded.content,"
                + " added_by = excluded.added_by, added_at = excluded.added_at")) {
            ps.setString(1, p.id());
            ps.setString(2, p.title());
            ps.setString(3, p.version());
            ps.setString(4, p.sha256());
            ps.setBytes(5, p.content());
            ps.setString(6, p.addedBy());
            ps.setLong(7, p.addedAt());
            ps.executeUpdate();
        }
        bump(c);
    }

    static void delete(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM rule_packs WHERE id = ?")) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
        bump(c);
    }

    private static void bump(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE rules_state SET generation = generation + 1 WHERE id = 1")) {
            ps.executeUpdate();
        }
    }
}
