package io.banwatch.collector.web;

import io.banwatch.collector.api.Page;
import io.banwatch.collector.audit.AuditFilter;
import io.banwatch.collector.audit.AuditQueries;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * {@code GET /admin/audit} (the page) and {@code GET /export/audit.csv} (also under
 * {@code /api/v1/export/}), for admins only, with the filters {@code action} and {@code actor}.
 */
public final class AuditLogHandlers {
    static final List<String> CSV_COLUMNS = List.of("id", "at", "actor_kind", "actor_name", "actor_token_id", "action",
            "subject", "detail");

    private final Access access;
    private final AuditQueries audit;
    private final PageAccess pageAccess;
    private final AuditLogPage listPage = new AuditLogPage();
    private final ProblemPage problemPage = new ProblemPage();

    public AuditLogHandlers(Access access, AuditQueries audit) {
        this.access = access;
        this.audit = audit;
        this.pageAccess = new PageAccess(access);
    }

    public void page(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> {
            Page.Request request;
            try {
                request = Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"));
            } catch (ApiError e) {
                ctx.status(e.status()).html(problemPage.render(who, "Audit log: bad page", e.getMessage()));
                return;
            }
            AuditFilter f = AuditFilter.from(ctx::queryParam);
            AuditQueries.Listing listing = audit.page(f, request.offset(), request.size());
            ctx.html(listPage.render(who, new Page<>(listing.total(), request.page(), request.size(), listing.items()),
                    f, audit.actions(), ctx.queryString() == null ? "" : ctx.queryString()));
        });
    }

    public void csv(Context ctx) {
        access.admin(ctx);
        AuditFilter f = AuditFilter.from(ctx::queryParam);
        Exports.csv(ctx, "banwatch-audit-log.csv", w -> {
            w.row(CSV_COLUMNS);
            audit.each(f, e -> w.row(Arrays.asList(e.id(), Instant.ofEpochMilli(e.at()).toString(), e.actor().kind(),
                    e.actor().name(), e.actor().tokenId(), e.action(), e.subject(), e.detail())));
        });
    }
}
