package io.banwatch.collector.auth;

import io.banwatch.collector.db.Database;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * The dashboard's sign-in sessions, in the database so that every collector behind a load
 * balancer knows them. The browser holds a random id; the table holds its SHA-256 and the token
 * it was signed in with. Nothing is cached: a session is checked against its token on every
 * request, so revoking the token, on any collector, ends the session at the next request.
 */
public final class SessionStore {
    /** How often a session's last-seen time is written: reading pages should not turn into writes. */
    static final long TOUCH_EVERY_MS = Duration.ofMinutes(1).toMillis();

    private final Database db;
    private final Secrets secrets;
    private final Clock clock;
    private final long idleMs;
    private final long maxMs;

    /**
     * @param idle a session not used for this long has ended
     * @param max  a session ends this long after its sign-in
     */
    public SessionStore(Database db, Secrets secrets, Clock clock, Duration idle, Duration max) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
        this.idleMs = idle.toMillis();
        this.maxMs = max.toMillis();
    }

    /**
     * A new session.
     *
     * @param secret the session id for the browser's cookie: its only copy
     */
    public record Started(String secret, Session session) {
    }

    /** Starts a session for a token that has just been checked. */
    public Started start(Principal principal) {
        String secret = secrets.randomSecret();
        long now = clock.millis();
        long id = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO dashboard_sessions (session_hash, token_id,"
                    + " created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
                ps.setString(1, Secrets.sha256Hex(secret));
                ps.setLong(2, principal.tokenId());
                ps.setLong(3, now);
                ps.setLong(4, now);
                ps.setLong(5, now + maxMs);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
        return new Started(secret, new Session(id, principal, Secrets.csrfToken(secret)));
    }

    /** The session a cookie names, if it exists, its token is not revoked, and it has not run out. */
    public Optional<Session> find(String secret) {
        if (secret == null || secret.isBlank() || secret.length() > 100) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<Row> found = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT s.id, s.last_seen_at, s.expires_at, t.id, t.role,"
                    + " t.name, t.host_id FROM dashboard_sessions s JOIN tokens t ON t.id = s.token_id"
                    + " WHERE s.session_hash = ? AND t.revoked_at IS NULL")) {
                ps.setString(1, Secrets.sha256Hex(secret));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3), new Principal(rs.getLong(4),
                            Role.fromJson(rs.getString(5)), rs.getString(6), rs.getString(7))));
                }
            }
        });
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Row r = found.get();
        if (now >= r.expiresAt() || now >= r.lastSeenAt() + idleMs || !r.principal().role().canRead()) {
            return Optional.empty();
        }
        if (now - r.lastSeenAt() >= TOUCH_EVERY_MS) {
            touch(r.id(), now);
        }
        return Optional.of(new Session(r.id(), r.principal(), Secrets.csrfToken(secret)));
    }

    private record Row(long id, long lastSeenAt, long expiresAt, Principal principal) {
    }

    /** Ends a session (signing out). */
    public void end(Session session) {
        db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM dashboard_sessions WHERE id = ?")) {
                ps.setLong(1, session.id());
                return ps.executeUpdate();
            }
        });
    }

    /** How long a session may last at most: the cookie's lifetime. */
    public Duration maxAge() {
        return Duration.ofMillis(maxMs);
    }

    private void touch(long id, long now) {
        db.transaction(c -> {
            // Only forwards: two collectors touching one session at once keep the later time.
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE dashboard_sessions SET last_seen_at = ? WHERE id = ? AND last_seen_at < ?")) {
                ps.setLong(1, now);
                ps.setLong(2, id);
                ps.setLong(3, now);
                return ps.executeUpdate();
            }
        });
    }
}
