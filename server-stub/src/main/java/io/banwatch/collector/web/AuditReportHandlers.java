package io.banwatch.collector.web;

import io.banwatch.collector.api.AuditReportQueries;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.report.AuditReportPdf;
import io.javalin.http.Context;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The audit report: its form on the dashboard ({@code /reports/audit}), and the document itself,
 * from the dashboard ({@code /reports/audit/document}) or the API ({@code /api/v1/reports/audit}),
 * both with {@code profile}, {@code asOf}, {@code from} and {@code format} (html or pdf), for viewers.
 */
public final class AuditReportHandlers {
    private final Access access;
    private final PageAccess pageAccess;
    private final AuditReportQueries reports;
    private final Collection<String> profiles;
    private final Clock clock;
    private final AuditReportPage page = new AuditReportPage();

    public AuditReportHandlers(Access access, AuditReportQueries reports, Collection<String> profiles, Clock clock) {
        this.access = access;
        this.pageAccess = new PageAccess(access);
        this.reports = reports;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** {@code GET /reports/audit}: the form. */
    public void form(Context ctx) {
        pageAccess.reader(ctx).ifPresent(who -> ctx.html(page.render(who, profiles, today(), null)));
    }

    /** {@code GET /reports/audit/document}: the document; a bad request gets the form again, saying why. */
    public void dashboardDocument(Context ctx) {
        Optional<PageContext> who = pageAccess.reader(ctx);
        if (who.isEmpty()) {
            return;
        }
        try {
            document(ctx, access.reader(ctx));
        } catch (ApiError e) {
            if (e.status() != 400) {
                throw e;
            }
            ctx.status(400).html(page.render(who.get(), profiles, today(), e.getMessage()));
        }
    }

    /** {@code GET /api/v1/reports/audit}. */
    public void apiDocument(Context ctx) {
        document(ctx, access.reader(ctx));
    }

    private void document(Context ctx, Principal who) {
        String format = ctx.queryParam("format") == null ? "html" : ctx.queryParam("format").strip().toLowerCase(Locale.ROOT);
        if (!format.equals("html") && !format.equals("pdf")) {
            throw ApiError.badRequest("invalid_format", "format must be html or pdf, not '" + ctx.queryParam("format") + "'");
        }
        AuditReportQueries.Request req = reports.parse(ctx.queryParam("profile"), ctx.queryParam("asOf"),
                ctx.queryParam("from"), profiles, who.name());
        String name = "banwatch-audit-" + (req.profile() == null ? "all" : req.profile()) + "-" + req.asOf();
        if (format.equals("pdf")) {
            ctx.contentType("application/pdf");
            ctx.header("Content-Disposition", "attachment; filename=\"" + name + ".pdf\"");
            try (OutputStream out = new BufferedOutputStream(ctx.outputStream(), 64 * 1024)) {
                reports.write(req, new AuditReportPdf(out));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return;
        }
        ctx.contentType("text/html; charset=utf-8");
        ctx.header("Content-Disposition", "inline; filename=\"" + name + ".html\"");
        ctx.header("Content-Security-Policy", AuditReportHtml.CSP);
        try (Writer out = new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8)) {
            reports.write(req, new AuditReportHtml(out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
