package io.banwatch.collector.api;

import io.banwatch.collector.auth.Access;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.http.Json;
import io.banwatch.collector.packs.RulePacks;
import io.banwatch.collector.packs.RulesOverview;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The organisation's rule packs, for admins: {@code GET /api/v1/rules} (the packs in force and
 * the re-judging), {@code GET /api/v1/rules/{id}}, {@code POST /api/v1/rules?name=FILE} with the
 * pack's JSON as the body (adds it, or replaces the pack of its id), {@code DELETE /api/v1/rules/{id}}.
 */
public final class RulesApi {
    private final Access access;
    private final Json json;
    private final RulePacks packs;
    private final RulesOverview overview;

    public RulesApi(Access access, Json json, RulePacks packs, RulesOverview overview) {
        this.access = access;
        this.json = json;
        this.packs = packs;
        this.overview = overview;
    }

    public void list(Context ctx) {
        access.admin(ctx);
        json.write(ctx, 200, overview.overview());
    }

    public void one(Context ctx) {
        access.admin(ctx);
        String id = ctx.pathParam("id");
        RulesOverview.PackRow row = overview.overview().packs().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no rule pack '" + id + "' is in force"));
        json.write(ctx, 200, row);
    }

    public void add(Context ctx) {
        Principal admin = access.admin(ctx);
        String name = ctx.queryParam("name");
        String origin = name == null || name.isBlank() ? "pack" : name.strip();
        RulePacks.Change change = packs.add(admin.actor(), body(ctx), origin);
        json.write(ctx, "added".equals(change.change()) ? 201 : 200, change);
    }

    public void remove(Context ctx) {
        Principal admin = access.admin(ctx);
        json.write(ctx, 200, packs.remove(admin.actor(), ctx.pathParam("id")));
    }

    private static byte[] body(Context ctx) {
        if (ctx.contentLength() > RulePacks.MAX_PACK_BYTES) {
            throw ApiError.tooLarge("a rule pack is at most " + RulePacks.MAX_PACK_BYTES + " bytes");
        }
        try {
            byte[] body = ctx.bodyInputStream().readNBytes(RulePacks.MAX_PACK_BYTES + 1);
            if (body.length > RulePacks.MAX_PACK_BYTES) {
                throw ApiError.tooLarge("a rule pack is at most " + RulePacks.MAX_PACK_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
