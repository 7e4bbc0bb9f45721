package io.banwatch.collector.auth;

import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * Who is calling: a bearer token in the Authorization header (agents, scripts), or the session
 * cookie the dashboard's sign-in sets (browsers). A request with an Authorization header is never
 * taken for its cookie. A missing, wrong or revoked token and an ended session are 401; a valid
 * one without the right role is 403. The caller is worked out once per request.
 *
 * <p>A session cookie is an ambient credential, which another site can make a browser send:
 * every state-changing request it authenticates must also carry the session's CSRF token, which
 * the dashboard's request guard checks before any handler runs.
 */
public final class Access {
    public static final String COOKIE = "banwatch_session";
    private static final String CALLER = Access.class.getName() + ".caller";

    private final TokenStore tokens;
    private final SessionStore sessions;

    public Access(TokenStore tokens, SessionStore sessions) {
        this.tokens = tokens;
        this.sessions = sessions;
    }

    /** @param session the browser's session when the cookie signed the request in, else null */
    private record Caller(Principal principal, Session session) {
        static final Caller NOBODY = new Caller(null, null);
    }

    public Optional<Principal> principal(Context ctx) {
        return Optional.ofNullable(caller(ctx).principal());
    }

    /** The browser's session, when the request is signed in by its cookie (not by a bearer token). */
    public Optional<Session> session(Context ctx) {
        return Optional.ofNullable(caller(ctx).session());
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

    private Caller caller(Context ctx) {
        Caller known = ctx.attribute(CALLER);
        if (known == null) {
            known = identify(ctx);
            ctx.attribute(CALLER, known);
        }
        return known;
    }

    private Caller identify(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return Caller.NOBODY;
            }
            return tokens.authenticate(header.substring(7).strip()).map(p -> new Caller(p, null)).orElse(Caller.NOBODY);
        }
        return sessions.find(ctx.cookie(COOKIE)).map(s -> new Caller(s.principal(), s)).orElse(Caller.NOBODY);
    }
}
