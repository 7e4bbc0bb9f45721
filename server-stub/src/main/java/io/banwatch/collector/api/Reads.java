package io.banwatch.collector.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Small pieces every read model uses. */
final class Reads {
    static final long DAY_MS = 86_400_000L;

    private Reads() {
    }

    static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A stored epoch-milliseconds time as ISO-8601, or null. */
    static String time(Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
    }

    /** The catalogue keeps an absent value as '' (so that its unique key dedupes): null again for readers. */
    static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
