package io.banwatch.collector.alerts;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * The one way an alert enters the outbox: one row per configured channel, in the caller's
 * transaction, so an alert is stored exactly when the event that caused it is. The unique
 * (alert_key, channel) index makes a second production of the same alert (another collector, a
 * job run again after a crash) a no-op.
 */
public final class AlertOutbox {
    private final List<String> channels;

    /** @param channels the channels alerts are delivered to (e.g. {@code webhook}, {@code email}); none stores nothing */
    public AlertOutbox(List<String> channels) {
        this.channels = List.copyOf(channels);
    }

    /** @return the rows written: 0 when the alert was already there (or no channel is configured) */
    public int add(Connection c, Alert alert) throws SQLException {
        if (channels.isEmpty()) {
            return 0;
        }
        int written = 0;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO alerts (alert_key, channel, kind, host_pk,"
                + " created_at, payload, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT (alert_key, channel) DO NOTHING")) {
            for (String channel : channels) {
                ps.setString(1, alert.key());
                ps.setString(2, channel);
                ps.setString(3, alert.kind().column());
                if (alert.hostPk() == null) {
                    ps.setNull(4, Types.BIGINT);
                } else {
                    ps.setLong(4, alert.hostPk());
                }
                ps.setLong(5, alert.createdAt());
                ps.setString(6, alert.payload());
                ps.setLong(7, alert.createdAt());
                written += ps.executeUpdate();
            }
        }
        return written;
    }
}
