package io.banwatch.collector.web;

import io.banwatch.collector.api.FindingFilter;
import io.banwatch.collector.api.FindingQueries;
import io.banwatch.collector.api.FleetReads;
import io.banwatch.collector.api.HostDetailQueries;
import io.banwatch.collector.api.HostFilter;
import io.banwatch.collector.api.HostListQueries;
import io.banwatch.collector.api.Page;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.auth.Secrets;
import io.banwatch.collector.auth.SessionStore;
import io.banwatch.collector.auth.TokenStore;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** The dashboard's routes: sign-in and sign-out, pages, stylesheet and CSV exports. */
public final class DashboardHandlers {
    /** No script may run on these pages, whatever the data holds: defence behind the escaping. */
    private static final String CSP = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
            + " frame-ancestors 'none'; base-uri 'none'";
    /** How long a sign-in form may stay open before it must be fetched again. */
    private static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofMinutes(30);

    private final Access access;
    private final SessionStore sessions;
    private final TokenStore tokens;
    private final Secrets secrets;
    private final FleetReads reads;
    private final Set<String> profiles;
    private final PageAccess pageAccess;
    private final LoginPage loginPage = new LoginPage();
    private final SummaryPage summaryPage = new SummaryPage();
    private final HostsPage hostsPage = new HostsPage();
    private final HostPage hostPage;
    private final FindingsPage findingsPage;
    private final Exports exports;
    private final ProblemPage problemPage = new ProblemPage();
    private final boolean secureCookies;
    private final String tokenCommand;

    /**
     * @param secureCookies mark cookies Secure: the collector itself serves TLS
     * @param tokenCommand  what the sign-in page tells an admin to run for a viewer token: the
     *                      command with the flags that reach this collector's database
     */
    public DashboardHandlers(Access access, SessionStore sessions, TokenStore tokens, Secrets secrets, FleetReads reads,
                             Set<String> profiles, boolean secureCookies, String tokenCommand) {
        this.access = access;
        this.sessions = sessions;
        this.tokens = tokens;
        this.secrets = secrets;
        this.reads = reads;
        this.profiles = profiles;
        this.pageAccess = new PageAccess(access);
        this.secureCookies = secureCookies;
        this.tokenCommand = tokenCommand;
        FindingTable findingTable = new FindingTable();
        this.hostPage = new HostPage(findingTable);
        this.findingsPage = new FindingsPage(findingTable);
        this.exports = new Exports(access, reads);
    }

    /** Security headers for every response. */
    public static void headers(Context ctx) {
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("Cache-Control", "no-store");
    }

    public void loginPage(Context ctx) {
        ctx.html(loginPage.render(null, tokenCommand, newSignInForm(ctx)));
    }

    /** Runs only with the form's double-submit value checked (see {@link CsrfGuard}). */
    public void login(Context ctx) {
        if (ctx.contentLength() > 4096) {
            throw ApiError.tooLarge("sign-in form is too large");
        }
        Optional<Principal> p = tokens.authenticate(ctx.formParam("token"));
        if (p.isEmpty() || !p.get().role().canRead()) {
            ctx.status(401).html(loginPage.render(p.isEmpty() ? "That token is not valid."
                    : "That token cannot read the dashboard (a viewer or admin token is needed).", tokenCommand,
                    newSignInForm(ctx)));
            return;
        }
        // Signing in again (another token) replaces the browser's session rather than leaving it behind.
        access.session(ctx).ifPresent(sessions::end);
        SessionStore.Started started = sessions.start(p.get());
        ctx.cookie(new Cookie(Access.COOKIE, started.secret(), "/", (int) sessions.maxAge().toSeconds(), secureCookies,
                true, null, SameSite.STRICT));
        ctx.removeCookie(CsrfGuard.LOGIN_COOKIE, "/login");
        ctx.redirect("/", HttpStatus.SEE_OTHER);
    }

    /** Ends the session, so the cookie is worthless wherever a copy of it is. */
    public void logout(Context ctx) {
        access.session(ctx).ifPresent(sessions::end);
        ctx.removeCookie(Access.COOKIE, "/");
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    public void summary(Context ctx) {
        pageAccess.reader(ctx).ifPresent(who -> ctx.html(summaryPage.render(who, reads.summary().summary(),
                reads.summary().kasperskyOverTime(90), reads.hosts().page(HostFilter.all(), new Page.Request(1, 10)))));
    }

    public void hosts(Context ctx) {
        Optional<PageContext> who = pageAccess.reader(ctx);
        if (who.isEmpty()) {
            return;
        }
        HostFilter f;
        SortColumns.Sort sort;
        Page.Request request;
        try {
            f = HostFilter.from(ctx::queryParam);
            sort = HostListQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
            request = Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"));
        } catch (ApiError e) {
            ctx.status(e.status()).html(problemPage.render(who.get(), "Hosts: bad filter", e.getMessage()));
            return;
        }
        ctx.html(hostsPage.render(who.get(), reads.hosts().page(f, sort, request), f, sort, choices(), query(ctx)));
    }

    public void host(Context ctx) {
        Optional<PageContext> who = pageAccess.reader(ctx);
        if (who.isEmpty()) {
            return;
        }
        String id = ctx.pathParam("hostId");
        Optional<HostDetailQueries.HostDetail> detail = reads.hostDetail().host(id);
        if (detail.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).html(hostPage.notFound(who.get(), id));
            return;
        }
        String search = ctx.queryParam("sq");
        int page;
        try {
            page = Page.Request.parse(ctx.queryParam("page"), null).page();
        } catch (ApiError e) {
            ctx.status(e.status()).html(problemPage.render(who.get(), "Host: bad page", e.getMessage()));
            return;
        }
        ctx.html(hostPage.render(who.get(), detail.get(), search == null || search.isBlank() ? null : search.strip(),
                page));
    }

    public void findings(Context ctx) {
        Optional<PageContext> who = pageAccess.reader(ctx);
        if (who.isEmpty()) {
            return;
        }
        FindingFilter f;
        SortColumns.Sort sort;
        Page.Request request;
        try {
            f = FindingFilter.from(ctx::queryParam);
            sort = FindingQueries.sortColumns().parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
            request = Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"));
        } catch (ApiError e) {
            ctx.status(e.status()).html(problemPage.render(who.get(), "Findings: bad filter", e.getMessage()));
            return;
        }
        ctx.html(findingsPage.render(who.get(), reads.findings().page(f, sort, request), f, sort, choices(), query(ctx)));
    }

    public void stylesheet(Context ctx) {
        try (InputStream in = DashboardHandlers.class.getResourceAsStream("banwatch.css")) {
            ctx.contentType("text/css; charset=utf-8").header("Cache-Control", "max-age=3600")
                    .result(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void hostsCsv(Context ctx) {
        exports.hostsCsv(ctx);
    }

    public void findingsCsv(Context ctx) {
        exports.findingsCsv(ctx);
    }

    public void findingsJson(Context ctx) {
        exports.findingsJson(ctx);
    }

    /** What the list filters offer: the known profiles, and the products and milestones findings name. */
    private FilterChoices choices() {
        return new FilterChoices(profiles, reads.findings().products(), reads.findings().milestones());
    }

    /** A fresh double-submit value for a sign-in form: set as a short-lived cookie, and repeated in the form. */
    private String newSignInForm(Context ctx) {
        String value = secrets.randomSecret();
        ctx.cookie(new Cookie(CsrfGuard.LOGIN_COOKIE, value, "/login", (int) SIGN_IN_FORM_LIFETIME.toSeconds(),
                secureCookies, true, null, SameSite.STRICT));
        return value;
    }

    private static String query(Context ctx) {
        String q = ctx.queryString();
        return q == null ? "" : q;
    }
}
