package io.banwatch.collector.web;

import io.banwatch.collector.auth.Access;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.auth.Session;
import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/** Who may see a dashboard page: a browser with no valid session is sent to sign in. */
final class PageAccess {
    private final Access access;
    private final ProblemPage problem = new ProblemPage();

    PageAccess(Access access) {
        this.access = access;
    }

    /**
     * Whom to render a page for, when a viewer or admin is signed in; otherwise the response is
     * already a redirect to the sign-in page (and a cookie naming an ended session is cleared).
     *
     * @throws ApiError 403 for a host token
     */
    Optional<PageContext> reader(Context ctx) {
        Optional<Principal> p = access.principal(ctx);
        if (p.isEmpty()) {
            if (ctx.cookie(Access.COOKIE) != null) {
                ctx.removeCookie(Access.COOKIE, "/");
            }
            ctx.redirect("/login", HttpStatus.SEE_OTHER);
            return Optional.empty();
        }
        if (!p.get().role().canRead()) {
            throw ApiError.forbidden("a viewer or admin token is required to read fleet data");
        }
        String csrf = access.session(ctx).map(Session::csrfToken).orElse(null);
        return Optional.of(new PageContext(p.get().name(), p.get().role(), csrf));
    }

    /** Like {@link #reader}, and a viewer gets a 403 page instead. */
    Optional<PageContext> admin(Context ctx) {
        Optional<PageContext> who = reader(ctx);
        if (who.isPresent() && !who.get().admin()) {
            ctx.status(HttpStatus.FORBIDDEN).html(problem.render(who.get(), "Admins only",
                    "This page needs an admin token; you are signed in with a " + who.get().role().jsonName()
                            + " token."));
            return Optional.empty();
        }
        return who;
    }
}
