package io.banwatch.collector.api;

import io.banwatch.collector.auth.Access;
import io.banwatch.collector.http.Json;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fleet's software, for readers: {@code GET /api/v1/software} (titles, filtered, sorted, paged)
 * and {@code GET /api/v1/software/hosts?title=…} (the hosts that have one). Each answer says how
 * fresh the index it read is ({@code index}): ingest leaves the indexing to a background job.
 */
public final class SoftwareApi {
    private final Access access;
    private final Json json;
    private final FleetReads reads;

    public SoftwareApi(Access access, Json json, FleetReads reads) {
        this.access = access;
        this.json = json;
        this.reads = reads;
    }

    public void titles(Context ctx) {
        access.reader(ctx);
        SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
        Page<TitleRow> page = reads.software().page(f, SoftwareQueries.sortColumns().parse(ctx.queryParam("sort"),
                ctx.queryParam("dir")), Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size")));
        json.write(ctx, 200, withIndex(page));
    }

    public void hosts(Context ctx) {
        access.reader(ctx);
        String title = SoftwareHostQueries.title(ctx.queryParam("title"));
        SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
        Page<SoftwareHostRow> page = reads.softwareHosts().page(title, f, SoftwareHostQueries.sortColumns()
                .parse(ctx.queryParam("sort"), ctx.queryParam("dir")), Page.Request.parse(ctx.queryParam("page"),
                ctx.queryParam("size")));
        json.write(ctx, 200, withIndex(page));
    }

    private Map<String, Object> withIndex(Page<?> page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("total", page.total());
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("items", page.items());
        body.put("index", reads.software().freshness());
        return body;
    }
}
