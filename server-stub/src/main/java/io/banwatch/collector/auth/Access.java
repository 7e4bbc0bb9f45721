package io.banwatch.collector.auth;

import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * Who is calling: a bearer token in the Authorization header (agents, scripts), or the session
 * cookie the dashboard's sign-in sets (browsers). A missing, wrong or revoked token is 401; a
 * valid token without the right role is 403.
 */
public final class Access {
    public static final String COOKIE = "banwatch_session";

    private final TokenStore tokens;

    public Access(TokenStore tokens) {
        this.tokens = tokens;
    }

    public Optional<Principal> principal(Context ctx) {
        String header = ctx.header("Authorization");
        String token = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = header.substring(7).strip();
        } else if (header == null) {
            token = ctx.cookie(COOKIE);
        }
        return token == null ? Optional.empty() : tokens.authenticate(token);
    }

    public Principal any(Context ctx) {
        return principal(ctx).orElseThrow(ApiError::unauthorized);
    }

    public Principal reader(Context ctx) {
        Principal p = any(ctx);
        if (!p.role().canRead()) {
            throw ApiError.forbidden("a viewer or admin token is required to read fleet data");
        }
        return p;
    }

    public Principal admin(Context ctx) {
        Principal p = any(ctx);
        if (p.role() != Role.ADMIN) {
            throw ApiError.forbidden("an admin token is required");
        }
        return p;
    }
}
