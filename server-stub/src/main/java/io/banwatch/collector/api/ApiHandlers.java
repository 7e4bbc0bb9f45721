package io.banwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.banwatch.collector.auth.Enrollment;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.auth.Role;
import io.banwatch.collector.auth.TokenStore;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.http.Json;
import io.banwatch.collector.ingest.IngestService;
import io.banwatch.collector.ingest.StoreOutcome;
import io.banwatch.collector.metrics.Metrics;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The JSON API: enrollment, report ingest, fleet reads, token management, health and metrics. */
public final class ApiHandlers {
    private final Access access;
    private final Json json;
    private final Enrollment enrollment;
    private final TokenStore tokens;
    private final IngestService ingest;
    private final FleetReads reads;
    private final Database db;
    private final Metrics metrics;
    private final boolean metricsPublic;
    private final Runnable afterIngest;

    public ApiHandlers(Access access, Json json, Enrollment enrollment, TokenStore tokens, IngestService ingest,
                       FleetReads reads, Database db, Metrics metrics, boolean metricsPublic, Runnable afterIngest) {
        this.access = access;
        this.json = json;
        this.enrollment = enrollment;
        this.tokens = tokens;
        this.ingest = ingest;
        this.reads = reads;
        this.db = db;
        this.metrics = metrics;
        this.metricsPublic = metricsPublic;
        this.afterIngest = afterIngest;
    }

    public void health(Context ctx) {
        boolean up = db.reachable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "ok" : "unavailable");
        body.put("database", up ? "reachable" : "unreachable");
        body.put("databaseKind", db.dialect().name().toLowerCase());
        json.write(ctx, up ? 200 : 503, body);
    }

    public void metrics(Context ctx) {
        if (!metricsPublic) {
            access.reader(ctx);
        }
        Map<String, Supplier<Number>> gauges = new LinkedHashMap<>();
        gauges.put("banwatch_hosts", reads.summary()::hostCount);
        db.poolStats().forEach((k, v) -> gauges.put("banwatch_db_pool_" + k, () -> v));
        gauges.put("banwatch_db_transaction_retries", db::retries);
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.render(gauges));
    }

    public void enroll(Context ctx) {
        JsonNode body = json.readSmall(ctx);
        TokenStore.Issued issued = enrollment.enroll(Json.text(body, "enrollmentSecret"), Json.text(body, "hostId"),
                Json.text(body, "hostname"));
        json.write(ctx, 201, Map.of("token", issued.token(), "hostId", issued.hostId(), "tokenId", issued.id()));
    }

    public void report(Context ctx) {
        Principal p = access.any(ctx);
        IngestService.Receipt r = ingest.ingest(p, ctx.bodyInputStream(), ctx.header("Content-Encoding"),
                ctx.contentLength());
        if (r.outcome() == StoreOutcome.STORED) {
            afterIngest.run();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", r.outcome().name().toLowerCase());
        body.put("reportId", r.reportId());
        body.put("level", r.level());
        body.put("findings", r.findings());
        json.write(ctx, r.outcome() == StoreOutcome.DUPLICATE ? 200 : 201, body);
    }

    public void summary(Context ctx) {
        access.reader(ctx);
        json.write(ctx, 200, reads.summary().summary());
    }

    public void hosts(Context ctx) {
        access.reader(ctx);
        json.write(ctx, 200, reads.hosts().page(HostFilter.from(ctx::queryParam),
                HostListQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir")),
                Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"))));
    }

    public void host(Context ctx) {
        access.reader(ctx);
        String id = ctx.pathParam("hostId");
        json.write(ctx, 200, reads.hostDetail().host(id).orElseThrow(() -> ApiError.notFound("no host with id " + id)));
    }

    public void findings(Context ctx) {
        access.reader(ctx);
        json.write(ctx, 200, reads.findings().page(FindingFilter.from(ctx::queryParam),
                FindingQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir")),
                Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"))));
    }

    public void listTokens(Context ctx) {
        access.admin(ctx);
        json.write(ctx, 200, tokens.list());
    }

    public void createToken(Context ctx) {
        Principal admin = access.admin(ctx);
        JsonNode body = json.readSmall(ctx);
        Role role;
        try {
            role = Role.fromJson(String.valueOf(Json.text(body, "role")));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_role", e.getMessage());
        }
        json.write(ctx, 201, tokens.issueForPerson(admin.actor(), role, Json.text(body, "name")));
    }

    public void revokeToken(Context ctx) {
        Principal admin = access.admin(ctx);
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("invalid_id", "token id must be a number");
        }
        if (!tokens.revoke(admin.actor(), id)) {
            throw ApiError.notFound("no active token with id " + id);
        }
        ctx.status(204);
    }
}
