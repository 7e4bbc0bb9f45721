package io.banwatch.collector.web;

import io.banwatch.collector.api.FleetReads;
import io.banwatch.collector.api.Page;
import io.banwatch.collector.api.SoftwareFilter;
import io.banwatch.collector.api.SoftwareHostQueries;
import io.banwatch.collector.api.SoftwareQueries;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.Optional;

/** The dashboard's software pages (/software, /software/hosts) and their exports, for readers. */
public final class SoftwareHandlers {
    private final Access access;
    private final FleetReads reads;
    private final PageAccess pageAccess;
    private final SoftwarePage titles;
    private final SoftwareHostsPage hosts;
    private final SoftwareExports exports;
    private final ProblemPage problemPage = new ProblemPage();

    public SoftwareHandlers(Access access, FleetReads reads, Clock clock) {
        this.access = access;
        this.reads = reads;
        this.pageAccess = new PageAccess(access);
        this.titles = new SoftwarePage(clock);
        this.hosts = new SoftwareHostsPage(clock);
        this.exports = new SoftwareExports(reads);
    }

    public void titles(Context ctx) {
        Optional<PageContext> who = pageAccess.reader(ctx);
        if (who.isEmpty()) {
            return;
        }
        try {
            SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
            SortColumns.Sort sort = SoftwareQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
            Page.Request request = Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"));
            ctx.html(titles.render(who.get(), reads.software().page(f, sort, request), f, sort,
                    reads.software().freshness(), query(ctx)));
        } catch (ApiError e) {
            ctx.status(e.status()).html(problemPage.render(who.get(), "Software: bad filter", e.getMessage()));
        }
    }

    public void hosts(Context ctx) {
        Optional<PageContext> who = pageAccess.reader(ctx);
        if (who.isEmpty()) {
            return;
        }
        try {
            String title = SoftwareHostQueries.title(ctx.queryParam("title"));
            SoftwareFilter f = SoftwareFilter.from(ctx::queryParam);
            SortColumns.Sort sort = SoftwareHostQueries.sortColumns().parse(ctx.queryParam("sort"),
                    ctx.queryParam("dir"));
            Page.Request request = Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"));
            ctx.html(hosts.render(who.get(), title, reads.softwareHosts().page(title, f, sort, request), f, sort,
                    reads.software().freshness(), query(ctx)));
        } catch (ApiError e) {
            ctx.status(e.status()).html(problemPage.render(who.get(), "Software: bad filter", e.getMessage()));
        }
    }

    public void titlesCsv(Context ctx) {
        access.reader(ctx);
        exports.titlesCsv(ctx);
    }

    public void titlesJson(Context ctx) {
        access.reader(ctx);
        exports.titlesJson(ctx);
    }

    public void hostsCsv(Context ctx) {
        access.reader(ctx);
        exports.hostsCsv(ctx);
    }

    public void hostsJson(Context ctx) {
        access.reader(ctx);
        exports.hostsJson(ctx);
    }

    private static String query(Context ctx) {
        String q = ctx.queryString();
        return q == null ? "" : q;
    }
}
