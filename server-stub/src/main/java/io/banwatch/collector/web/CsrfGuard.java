package io.banwatch.collector.web;

import io.banwatch.collector.auth.Access;
import io.banwatch.collector.auth.Secrets;
import io.banwatch.collector.auth.Session;
import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.HandlerWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one check of state-changing requests against cross-site request forgery. It wraps the
 * handler of every route the router has, so a route added later is covered without a line of its
 * own, and it knows the route that matched (a before-handler would see {@code /login/} for the
 * {@code /login} route). For POST, PUT, PATCH and DELETE:
 *
 * <ul>
 *   <li>signed in by the session cookie: the session's CSRF token must come with the request, as
 *       the form field {@value #FIELD} or the header {@value #HEADER}, or nothing runs (403);</li>
 *   <li>the sign-in form: it must repeat the value of the short-lived cookie the sign-in page set
 *       (double submit), since it has no session yet;</li>
 *   <li>a bearer token in the Authorization header, or no credential at all (enrollment): nothing to
 *       check, since a browser never sends either by itself; {@link Access} then ignores the
 *       cookie, so no handler can act on it.</li>
 * </ul>
 */
public final class CsrfGuard implements HandlerWrapper {
    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";
    /** The sign-in form's double-submit cookie. */
    static final String LOGIN_COOKIE = "banwatch_login";
    static final Set<HandlerType> UNSAFE = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);
    /** The dashboard's forms are small; a larger body is not read to look for the field. */
    static final long MAX_FORM_BYTES = 64 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(CsrfGuard.class);

    private final Access access;
    private final String loginPath;
    private final RefusedPage refused = new RefusedPage();

    /** @param loginPath the route of the sign-in form */
    public CsrfGuard(Access access, String loginPath) {
        this.access = access;
        this.loginPath = loginPath;
    }

    @Override
    public Handler wrap(Endpoint endpoint) {
        if (!UNSAFE.contains(endpoint.method)) {
            return endpoint.handler;
        }
        boolean login = endpoint.path.equals(loginPath);
        boolean api = endpoint.path.startsWith("/api/");
        return ctx -> {
            String refusal = login ? checkSignInForm(ctx) : checkSession(ctx, api);
            if (refusal == null) {
                endpoint.handler.handle(ctx);
                return;
            }
            LOG.warn("refused {} {}: {}", ctx.method(), ctx.path(), login ? "sign-in form without its cookie's value"
                    : "session without its CSRF token");
            if (api) {
                throw new ApiError(403, "csrf_token_invalid", refusal);
            }
            ctx.status(403).html(login ? refused.render(refusal, loginPath, "Open the sign-in page")
                    : refused.render(refusal, "/", "Back to the dashboard"));
        };
    }

    /** Null when the request may go on, else why not. */
    private String checkSession(Context ctx, boolean api) {
        Optional<Session> session = access.session(ctx);
        if (session.isEmpty()) {
            return null;
        }
        if (Secrets.sameSecret(session.get().csrfToken(), sent(ctx))) {
            return null;
        }
        return api ? "a request signed in by the dashboard's cookie must send the session's CSRF token in the "
                + HEADER + " header; scripts should use a bearer token instead"
                : "This form's security token is missing or wrong, so nothing was changed: reload the page and try again.";
    }

    private String checkSignInForm(Context ctx) {
        String cookie = ctx.cookie(LOGIN_COOKIE);
        if (cookie != null && Secrets.sameSecret(cookie, sent(ctx))) {
            return null;
        }
        return "The sign-in form has expired or did not come from this collector's sign-in page: open it again.";
    }

    /** The CSRF token the request sent: the header, else the form field of a form. */
    private static String sent(Context ctx) {
        String header = ctx.header(HEADER);
        if (header != null) {
            return header.strip();
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/x-www-form-urlencoded") && !type.startsWith("multipart/form-data")) {
            return null;
        }
        if (type.startsWith("application/x-www-form-urlencoded") && ctx.contentLength() > MAX_FORM_BYTES) {
            throw ApiError.tooLarge("a form is at most " + MAX_FORM_BYTES + " bytes");
        }
        return ctx.formParam(FIELD);
    }
}
