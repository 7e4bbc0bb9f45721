package io.banwatch.collector.auth;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Like;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.collector.http.ApiError;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Tokens, stored as SHA-256 hashes only: the plain token is shown once, when it is issued.
 */
public final class TokenStore {
    /** How often a token's last-use time is written: reads should not turn into writes. */
    private static final long LAST_USED_GRANULARITY_MS = 60 * 60 * 1000L;

    /** How long a token's use may wait in memory before it is written with the others. */
    private static final long LAST_USED_FLUSH_MS = 10_000L;

    private final Database db;
    private final Secrets secrets;
    private final Clock clock;
    private final AuditLog audit;
    private final TokenUse uses;

    public TokenStore(Database db, Secrets secrets, Clock clock, AuditLog audit) {
        this.db = db;
        this.secrets = secrets;
        this.clock = clock;
        this.audit = audit;
        this.uses = new TokenUse(db, clock, LAST_USED_FLUSH_MS);
    }

    /** Writes the last-use times still held in memory (at shutdown; listings do it themselves). */
    public void flushLastUse() {
        uses.flush();
    }

    /** A newly issued token: {@code token} is the only copy of the secret. */
    public record Issued(long id, String token, Role role, String name, String hostId) {
    }

    /** A token as listed to administrators: never the secret, never the hash. */
    public record Info(long id, Role role, String name, String hostId, long createdAt, Long revokedAt,
                       Long lastUsedAt) {
    }

    /** Issues a token at a host's enrollment: not an administrator's change, so not audited. */
    public Issued issue(Role role, String name, String hostId) {
        String token = "bw_" + role.prefix() + "_" + secrets.randomSecret();
        long id = db.transaction(c -> insert(c, token, role, name, hostId));
        return new Issued(id, token, role, name, hostId);
    }

    private long insert(java.sql.Connection c, String token, Role role, String name, String hostId)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO tokens (token_hash, role, name, host_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, Secrets.sha256Hex(token));
            ps.setString(2, role.jsonName());
            ps.setString(3, name);
            ps.setString(4, hostId);
            ps.setLong(5, clock.millis());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * Issues a viewer or admin token, as an administrator asks for one.
     *
     * @throws ApiError 400 for the host role (hosts enroll) or a name that is blank or over 200 characters
     */
    public Issued issueForPerson(Actor actor, Role role, String name) {
        if (role == Role.HOST) {
            throw ApiError.badRequest("invalid_role", "host tokens are issued by enrollment, not by hand");
        }
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw ApiError.badRequest("invalid_name", "name must be 1-200 characters");
        }
        String clean = name.strip();
        String token = "bw_" + role.prefix() + "_" + secrets.randomSecret();
        long id = db.transaction(c -> {
            long issued = insert(c, token, role, clean, null);
            audit.record(c, actor, "token.create", Long.toString(issued), role.jsonName() + " token '" + clean + "'");
            return issued;
        });
        return new Issued(id, token, role, clean, null);
    }

    /**
     * Tokens recently found valid, by hash, with when they were checked: an agent fleet sends
     * thousands of reports a second at peak, and each would otherwise cost a database read.
     * A revocation made here evicts at once; one made by another collector on the same database
     * takes effect here within {@link #CACHE_MS}.
     */
    private static final long CACHE_MS = 30_000;
    private static final int CACHE_MAX = 200_000;
    private record Cached(Principal principal, long checkedAt) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Cached> recent = new java.util.concurrent.ConcurrentHashMap<>();

    /** The principal a token stands for, if it exists and is not revoked. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return Optional.empty();
        }
        String hash = Secrets.sha256Hex(token.strip());
        long now = clock.millis();
        Cached cached = recent.get(hash);
        if (cached != null && now - cached.checkedAt() < CACHE_MS && now >= cached.checkedAt()) {
            return Optional.of(cached.principal());
        }
        Optional<Principal> found = lookUp(hash, now);
        if (found.isPresent()) {
            if (recent.size() >= CACHE_MAX) {
                recent.clear();
            }
            recent.put(hash, new Cached(found.get(), now));
        } else {
            recent.remove(hash);
        }
        return found;
    }

    private Optional<Principal> lookUp(String hash, long now) {
        Optional<ActiveRow> row = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, role, name, host_id, last_used_at FROM tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new ActiveRow(rs.getLong(1), Role.fromJson(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getLong(5)));
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        ActiveRow r = row.get();
        if (now - r.lastUsedAt() > LAST_USED_GRANULARITY_MS) {
            uses.record(r.id(), now);
        }
        return Optional.of(new Principal(r.id(), r.role(), r.name(), r.hostId()));
    }

    private record ActiveRow(long id, Role role, String name, String hostId, long lastUsedAt) {
    }

    private static final String INFO_COLUMNS = "id, role, name, host_id, created_at, revoked_at, last_used_at";

    public List<Info> list() {
        uses.flush();
        return db.read(c -> {
            List<Info> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INFO_COLUMNS + " FROM tokens ORDER BY id");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(info(rs));
                }
            }
            return out;
        });
    }

    private static Info info(ResultSet rs) throws java.sql.SQLException {
        return new Info(rs.getLong(1), Role.fromJson(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getLong(5),
                nullableLong(rs, 6), nullableLong(rs, 7));
    }

    /**
     * Viewer and admin tokens, or host tokens, whose name or host id contains {@code search},
     * newest first.
     *
     * @param total how many match in all
     */
    public record Listing(long total, List<Info> items) {
    }

    /** What the token list may be sorted by; the id, unique, breaks ties. */
    public static final SortColumns SORT = SortColumns.of("id", "id", "id", "name", "LOWER(name)", "role", "role",
            "host", "host_id", "created", "created_at", "last_used", "last_used_at",
            "status", "CASE WHEN revoked_at IS NULL THEN 0 ELSE 1 END");

    /** @param search part of a name or host id (any case), or null for all */
    public Listing list(boolean hostTokens, String search, int offset, int limit) {
        return list(hostTokens, search, SortColumns.Sort.DEFAULT, offset, limit);
    }

    /**
     * @param search part of a name or host id (any case), or null for all
     * @param sort   a column of {@link #SORT}, or the default: newest first
     */
    public Listing list(boolean hostTokens, String search, SortColumns.Sort sort, int offset, int limit) {
        uses.flush();
        String where = " WHERE role " + (hostTokens ? "=" : "<>") + " '" + Role.HOST.jsonName() + "'" + (search == null
                ? "" : " AND (LOWER(name) LIKE ?" + Like.ESCAPE + " OR LOWER(host_id) LIKE ?" + Like.ESCAPE + ")");
        String like = search == null ? null : Like.containing(search);
        return db.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM tokens" + where)) {
                if (like != null) {
                    ps.setString(1, like);
                    ps.setString(2, like);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Info> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INFO_COLUMNS + " FROM tokens" + where
                    + " ORDER BY " + SORT.orderBy(sort, "id DESC") + " LIMIT ? OFFSET ?")) {
                int i = 1;
                if (like != null) {
                    ps.setString(i++, like);
                    ps.setString(i++, like);
                }
                ps.setInt(i++, limit);
                ps.setInt(i, offset);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(info(rs));
                    }
                }
            }
            return new Listing(total, out);
        });
    }

    /** How many host tokens there are, or how many viewer and admin tokens, revoked ones included. */
    public long count(boolean hostTokens) {
        return list(hostTokens, null, 0, 0).total();
    }

    public Optional<Info> find(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + INFO_COLUMNS + " FROM tokens WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(info(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Revokes a token; false when there is no such active token. Its dashboard sessions end with
     * it: every request checks a session's token (see SessionStore).
     */
    public boolean revoke(Actor actor, long id) {
        long now = clock.millis();
        recent.values().removeIf(c -> c.principal().tokenId() == id);
        return db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
                ps.setLong(1, now);
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    return false;
                }
            }
            audit.record(c, actor, "token.revoke", Long.toString(id), null);
            return true;
        });
    }

    /** Revokes every other token of a host, when it enrolls again (a re-imaged machine). */
    public int revokeHostTokensExcept(String hostId, long keepId) {
        long now = clock.millis();
        int revoked = db.transaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE tokens SET revoked_at = ? WHERE host_id = ? AND id <> ? AND revoked_at IS NULL")) {
                ps.setLong(1, now);
                ps.setString(2, hostId);
                ps.setLong(3, keepId);
                return ps.executeUpdate();
            }
        });
        // Evicted after the commit, so a concurrent check cannot re-cache a token as still valid;
        // and only when something was revoked: the scan is over the whole cache, and a first
        // enrollment (nearly all of them) has nothing to evict.
        if (revoked > 0) {
            recent.values().removeIf(c -> hostId.equals(c.principal().hostId()) && c.principal().tokenId() != keepId);
        }
        return revoked;
    }

    public boolean hasActive(Role role) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM tokens WHERE role = ? AND revoked_at IS NULL LIMIT 1")) {
                ps.setString(1, role.jsonName());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private static Long nullableLong(ResultSet rs, int column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
