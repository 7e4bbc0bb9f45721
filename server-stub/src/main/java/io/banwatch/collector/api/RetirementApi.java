package io.banwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.http.Json;
import io.banwatch.collector.lifecycle.HostRetirement;
import io.javalin.http.Context;

/**
 * {@code POST /api/v1/hosts/{hostId}/retire} ({@code {"reason": "..."}}, optional) and
 * {@code POST /api/v1/hosts/{hostId}/unretire}, for admins.
 */
public final class RetirementApi {
    private final Access access;
    private final Json json;
    private final HostRetirement retirement;

    public RetirementApi(Access access, Json json, HostRetirement retirement) {
        this.access = access;
        this.json = json;
        this.retirement = retirement;
    }

    public void retire(Context ctx) {
        Principal admin = access.admin(ctx);
        String reason = null;
        if (ctx.contentLength() != 0) {
            JsonNode body = json.readSmall(ctx);
            JsonNode r = body.get("reason");
            if (r != null && !r.isNull() && !r.isTextual()) {
                throw ApiError.badRequest("invalid_reason", "reason must be a string");
            }
            reason = r == null || r.isNull() ? null : r.asText();
        }
        json.write(ctx, 200, retirement.retire(admin.actor(), ctx.pathParam("hostId"), reason));
    }

    public void unretire(Context ctx) {
        Principal admin = access.admin(ctx);
        json.write(ctx, 200, retirement.unretire(admin.actor(), ctx.pathParam("hostId")));
    }
}
