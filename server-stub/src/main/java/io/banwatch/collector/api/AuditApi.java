package io.banwatch.collector.api;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.audit.AuditFilter;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.audit.AuditQueries;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.http.Json;
import io.javalin.http.Context;

import java.time.Instant;

/**
 * {@code GET /api/v1/audit?action=&actor=&page=&size=}, for admin tokens: the audit log newest
 * first, as a {@link Page} of {@link Item}s.
 */
public final class AuditApi {
    private final Access access;
    private final Json json;
    private final AuditQueries audit;

    public AuditApi(Access access, Json json, AuditQueries audit) {
        this.access = access;
        this.json = json;
        this.audit = audit;
    }

    /**
     * One change as the API shows it.
     *
     * @param at when, ISO-8601
     */
    public record Item(long id, String at, Actor actor, String action, String subject, String detail) {
        static Item of(AuditLog.Entry e) {
            return new Item(e.id(), Instant.ofEpochMilli(e.at()).toString(), e.actor(), e.action(), e.subject(),
                    e.detail());
        }
    }

    public void list(Context ctx) {
        access.admin(ctx);
        Page.Request request = Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"));
        AuditQueries.Listing listing = audit.page(AuditFilter.from(ctx::queryParam), request.offset(), request.size());
        json.write(ctx, 200, new Page<>(listing.total(), request.page(), request.size(),
                listing.items().stream().map(Item::of).toList()));
    }
}
