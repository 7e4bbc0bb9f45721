package io.banwatch.collector.web;

import io.banwatch.collector.api.Page;
import io.banwatch.collector.auth.Access;
import io.banwatch.collector.auth.Principal;
import io.banwatch.collector.auth.Role;
import io.banwatch.collector.auth.TokenStore;
import io.banwatch.collector.db.SortColumns;
import io.banwatch.collector.http.ApiError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.Optional;

/** The admins' token pages: list, create (the secret shown once), revoke after a confirmation. */
public final class TokenAdminHandlers {
    private final Access access;
    private final TokenStore tokens;
    private final PageAccess pageAccess;
    private final TokensPage listPage = new TokensPage();
    private final TokenCreatedPage createdPage = new TokenCreatedPage();
    private final RevokeTokenPage revokePage = new RevokeTokenPage();
    private final ProblemPage problemPage = new ProblemPage();

    public TokenAdminHandlers(Access access, TokenStore tokens) {
        this.access = access;
        this.tokens = tokens;
        this.pageAccess = new PageAccess(access);
    }

    /** {@code GET /admin/tokens?kind=host&q=&page=&revoked=ID} */
    public void list(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> {
            Page.Request request;
            try {
                request = Page.Request.parse(ctx.queryParam("page"), ctx.queryParam("size"));
                TokenStore.SORT.parse(ctx.queryParam("sort"), ctx.queryParam("dir"));
            } catch (ApiError e) {
                ctx.status(e.status()).html(problemPage.render(who, "Tokens: bad page", e.getMessage()));
                return;
            }
            ctx.html(listPage.render(who, view(ctx, request, revokedNotice(ctx.queryParam("revoked")), null, null)));
        });
    }

    /** {@code POST /admin/tokens} with {@code name} and {@code role} (viewer or admin). */
    public void create(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> {
            String name = ctx.formParam("name");
            TokenStore.Issued issued;
            try {
                issued = tokens.issueForPerson(access.any(ctx).actor(), role(ctx.formParam("role")), name);
            } catch (ApiError e) {
                ctx.status(e.status()).html(listPage.render(who, view(ctx, new Page.Request(1, 50), null,
                        e.getMessage(), name)));
                return;
            }
            ctx.status(HttpStatus.CREATED).html(createdPage.render(who, issued));
        });
    }

    /** {@code GET /admin/tokens/{id}/revoke}: what revoking it means, and the button. */
    public void confirmRevoke(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> activeToken(ctx, who).ifPresent(t -> {
            boolean own = access.principal(ctx).map(Principal::tokenId).orElse(-1L) == t.id();
            ctx.html(revokePage.render(who, t, own));
        }));
    }

    /** {@code POST /admin/tokens/{id}/revoke}, then back to the list, which says what was done. */
    public void revoke(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> activeToken(ctx, who).ifPresent(t -> {
            if (tokens.revoke(access.any(ctx).actor(), t.id())) {
                ctx.redirect("/admin/tokens?revoked=" + t.id(), HttpStatus.SEE_OTHER);
            } else {
                notFound(ctx, who, t.id());
            }
        }));
    }

    private TokensPage.View view(Context ctx, Page.Request request, String notice, String error, String name) {
        boolean hostTokens = "host".equals(ctx.queryParam("kind"));
        String q = ctx.queryParam("q");
        String search = q == null || q.isBlank() ? null : q.strip();
        if (search != null && search.length() > 200) {
            search = search.substring(0, 200);
        }
        // On the create form's answer (a POST) the list is in its default order.
        SortColumns.Sort sort = ctx.method() == io.javalin.http.HandlerType.GET
                ? TokenStore.SORT.parse(ctx.queryParam("sort"), ctx.queryParam("dir")) : SortColumns.Sort.DEFAULT;
        TokenStore.Listing listing = tokens.list(hostTokens, search, sort, request.offset(), request.size());
        String query = ctx.queryString() == null ? "" : ctx.queryString();
        return new TokensPage.View(new Page<>(listing.total(), request.page(), request.size(), listing.items()),
                hostTokens, search, tokens.count(!hostTokens), query, notice, error, name, sort);
    }

    private String revokedNotice(String revoked) {
        if (revoked == null) {
            return null;
        }
        try {
            long id = Long.parseLong(revoked);
            return tokens.find(id).filter(t -> t.revokedAt() != null)
                    .map(t -> "Token " + t.id() + " (" + t.name() + ") is revoked; its dashboard sessions have ended.")
                    .orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private Optional<TokenStore.Info> activeToken(Context ctx, PageContext who) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            ctx.status(HttpStatus.BAD_REQUEST).html(problemPage.render(who, "Tokens: bad id", "A token id is a number."));
            return Optional.empty();
        }
        Optional<TokenStore.Info> t = tokens.find(id).filter(i -> i.revokedAt() == null);
        if (t.isEmpty()) {
            notFound(ctx, who, id);
        }
        return t;
    }

    private void notFound(Context ctx, PageContext who, long id) {
        ctx.status(HttpStatus.NOT_FOUND).html(problemPage.render(who, "Token not found",
                "No active token has the id " + id + ": it may have been revoked already."));
    }

    private static Role role(String text) {
        try {
            return Role.fromJson(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_role", "a new token's role is viewer or admin");
        }
    }
}
