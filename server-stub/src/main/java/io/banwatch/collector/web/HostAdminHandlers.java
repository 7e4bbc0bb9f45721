package io.banwatch.collector.web;

import io.banwatch.collector.api.HostDetailQueries;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.lifecycle.HostRetirement;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/** The admins' host pages: retire a host after a confirmation, bring a retired one back. */
public final class HostAdminHandlers {
    private final Access access;
    private final HostDetailQueries hosts;
    private final HostRetirement retirement;
    private final PageAccess pageAccess;
    private final RetireHostPage retirePage = new RetireHostPage();
    private final ProblemPage problemPage = new ProblemPage();

    public HostAdminHandlers(Access access, HostDetailQueries hosts, HostRetirement retirement) {
        this.access = access;
        this.hosts = hosts;
        this.retirement = retirement;
        this.pageAccess = new PageAccess(access);
    }

    /** {@code GET /hosts/{hostId}/retire}: what retiring means, the reason, and the button. */
    public void confirmRetire(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> host(ctx, who).ifPresent(d -> {
            if (d.host().retiredAt() != null) {
                ctx.redirect(hostPage(d.host().hostId()), HttpStatus.SEE_OTHER);
                return;
            }
            ctx.html(retirePage.render(who, d.host(), null));
        }));
    }

    /** {@code POST /hosts/{hostId}/retire} with {@code reason}, then the host's page, which says it is retired. */
    public void retire(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> host(ctx, who).ifPresent(d -> {
            try {
                retirement.retire(access.any(ctx).actor(), d.host().hostId(), ctx.formParam("reason"));
            } catch (ApiError e) {
                if (e.status() == 409) {
                    ctx.redirect(hostPage(d.host().hostId()), HttpStatus.SEE_OTHER);
                    return;
                }
                ctx.status(e.status()).html(retirePage.render(who, d.host(), e.getMessage()));
                return;
            }
            ctx.redirect(hostPage(d.host().hostId()), HttpStatus.SEE_OTHER);
        }));
    }

    /** {@code POST /hosts/{hostId}/unretire}, then the host's page. */
    public void unretire(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> host(ctx, who).ifPresent(d -> {
            try {
                retirement.unretire(access.any(ctx).actor(), d.host().hostId());
            } catch (ApiError e) {
                if (e.status() != 409) {
                    throw e;
                }
            }
            ctx.redirect(hostPage(d.host().hostId()), HttpStatus.SEE_OTHER);
        }));
    }

    private Optional<HostDetailQueries.HostDetail> host(Context ctx, PageContext who) {
        String id = ctx.pathParam("hostId");
        Optional<HostDetailQueries.HostDetail> d = hosts.host(id);
        if (d.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).html(problemPage.render(who, "Host not found", "No host has the id " + id + "."));
        }
        return d;
    }

    private static String hostPage(String hostId) {
        return "/hosts/" + Cells.url(hostId);
    }
}
