package io.banwatch.collector.web;

import io.banwatch.collector.auth.Access;
import io.banwatch.collector.http.ApiError;
import io.banwatch.collector.packs.RulePacks;
import io.banwatch.collector.packs.RulesOverview;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The admins' rule-pack page: list, add or replace (a file or pasted text), remove. */
public final class RulesAdminHandlers {
    private final Access access;
    private final RulePacks packs;
    private final RulesOverview overview;
    private final PageAccess pageAccess;
    private final RulesPage page = new RulesPage();

    public RulesAdminHandlers(Access access, RulePacks packs, RulesOverview overview) {
        this.access = access;
        this.packs = packs;
        this.overview = overview;
        this.pageAccess = new PageAccess(access);
    }

    /** {@code GET /admin/rules?done=TEXT} */
    public void page(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> ctx.html(page.render(who, overview.overview(), notice(ctx), null)));
    }

    /** {@code POST /admin/rules} (multipart): {@code file}, or else {@code text}; then back to the page. */
    public void upload(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> {
            RulePacks.Change change;
            try {
                Offered offered = offered(ctx);
                change = packs.add(access.any(ctx).actor(), offered.content(), offered.name());
            } catch (ApiError e) {
                ctx.status(e.status()).html(page.render(who, overview.overview(), null, e.getMessage()));
                return;
            }
            ctx.redirect("/admin/rules?done=" + Cells.url(change.change() + " " + change.pack().id() + " "
                    + change.pack().version()), HttpStatus.SEE_OTHER);
        });
    }

    /** {@code POST /admin/rules/{id}/remove}, then back to the page. */
    public void remove(Context ctx) {
        pageAccess.admin(ctx).ifPresent(who -> {
            try {
                RulePacks.Change change = packs.remove(access.any(ctx).actor(), ctx.pathParam("id"));
                ctx.redirect("/admin/rules?done=" + Cells.url("removed " + change.pack().id() + " "
                        + change.pack().version()), HttpStatus.SEE_OTHER);
            } catch (ApiError e) {
                ctx.status(e.status()).html(page.render(who, overview.overview(), null, e.getMessage()));
            }
        });
    }

    private record Offered(String name, byte[] content) {
    }

    private static Offered offered(Context ctx) {
        UploadedFile file = ctx.uploadedFile("file");
        if (file != null && file.size() > 0) {
            if (file.size() > RulePacks.MAX_PACK_BYTES) {
                throw ApiError.tooLarge(file.filename() + ": a rule pack is at most " + RulePacks.MAX_PACK_BYTES + " bytes");
            }
            try (InputStream in = file.content()) {
                String name = file.filename() == null || file.filename().isBlank() ? "uploaded pack" : file.filename();
                return new Offered(name, in.readNBytes(RulePacks.MAX_PACK_BYTES + 1));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        String text = ctx.formParam("text");
        if (text == null || text.isBlank()) {
            throw ApiError.badRequest("invalid_pack", "choose a pack file or paste one");
        }
        return new Offered("pasted pack", text.getBytes(StandardCharsets.UTF_8));
    }

    /** What the last change did, from the redirect's {@code done}: only the words the handlers write. */
    private static String notice(Context ctx) {
        String done = ctx.queryParam("done");
        if (done == null || !done.matches("(added|replaced|unchanged|removed) \\S{1,100} \\S{1,100}")) {
            return null;
        }
        String[] w = done.split(" ");
        return switch (w[0]) {
            case "unchanged" -> "Pack " + w[1] + " " + w[2] + " is already in force: nothing changed.";
            case "removed" -> "Removed pack " + w[1] + " " + w[2] + ". The fleet is being judged again without it.";
            default -> (w[0].equals("added") ? "Added" : "Replaced with") + " pack " + w[1] + " " + w[2]
                    + ". The fleet is being judged again with it.";
        };
    }
}
