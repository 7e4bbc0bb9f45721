package io.banwatch.collector.packs;

import io.banwatch.collector.audit.Actor;
import io.banwatch.collector.audit.AuditLog;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.http.ApiError;
import io.banwatch.rules.PackInfo;
import io.banwatch.rules.RulePackException;
import io.banwatch.rules.RuleSet;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.Optional;

/**
 * What administrators change in the organisation's rule packs: add one, replace one (same id, a
 * new version), remove one. A pack is checked as {@code banwatch scan --rules} checks it, with the
 * same one-line errors, and together with the packs in force; a refused pack changes nothing.
 * Each change is one transaction with its audit-log entry (pack id, version and SHA-256), and
 * takes effect on this collector at once; the others see it within {@link RulesWorker}'s period.
 */
public final class RulePacks {
    /** The largest pack accepted (the built-in US pack is 23 KB). */
    public static final int MAX_PACK_BYTES = 1024 * 1024;
    public static final String ADD = "rules.add";
    public static final String REPLACE = "rules.replace";
    public static final String REMOVE = "rules.remove";

    private final Database db;
    private final AuditLog audit;
    private final RulesInForce rules;
    private final Clock clock;

    public RulePacks(Database db, AuditLog audit, RulesInForce rules, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * What a change did.
     *
     * @param pack     the pack now in force (for a removal: the one removed)
     * @param change   {@code added}, {@code replaced}, {@code unchanged} (the same file again) or {@code removed}
     * @param previous the version it replaced, or null
     */
    public record Change(PackInfo pack, String change, String previous) {
    }

    /**
     * Adds a pack, or replaces the stored pack of its id with a new version.
     *
     * @param origin names the pack in errors: the file name, as {@code --rules} would
     * @throws ApiError 400 {@code invalid_pack} with the validation's one line, 413 for a pack over
     *                  {@value #MAX_PACK_BYTES} bytes, 409 for another file under a version already in force
     */
    public Change add(Actor actor, byte[] content, String origin) {
        if (content.length > MAX_PACK_BYTES) {
            throw ApiError.tooLarge(origin + ": a rule pack is at most " + MAX_PACK_BYTES + " bytes");
        }
        PackInfo info;
        try {
            info = RuleSet.inspect(new ByteArrayInputStream(content), origin);
            rules.refresh();
            rules.with(rules.base(), rules.stored(), new RulesInForce.Candidate(info.id(), content, origin));
        } catch (RulePackException e) {
            throw ApiError.badRequest("invalid_pack", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("invalid_pack", origin + ": " + e.getMessage());
        }
        long now = clock.millis();
        Change change = db.transaction(c -> {
            Optional<StoredPack> before = PackStore.lockAndFind(c, db, info.id());
            if (before.isPresent() && before.get().sha256().equals(info.sha256())) {
                return new Change(info, "unchanged", null);
            }
            if (before.isPresent() && before.get().version().equals(info.version())) {
                throw new ApiError(409, "version_in_force", origin + ": pack '" + info.id() + "' version "
                        + info.version() + " is already in force with other content; give the new file a new version");
            }
            PackStore.put(c, new StoredPack(info.id(), info.title(), info.version(), info.sha256(), content,
                    actor.describe(), now));
            String detail = info.title() + "; version " + info.version() + "; sha256 " + info.sha256()
                    + before.map(b -> "; replaces version " + b.version() + " (sha256 " + b.sha256() + ")").orElse("");
            audit.record(c, actor, before.isPresent() ? REPLACE : ADD, info.id(), detail);
            return new Change(info, before.isPresent() ? "replaced" : "added", before.map(StoredPack::version).orElse(null));
        });
        rules.refresh();
        return change;
    }

    /**
     * Removes a stored pack: a built-in pack it replaced is in force again.
     *
     * @throws ApiError 404 when no stored pack has this id, 409 when the collector's configured profile
     *                  is defined by this pack alone
     */
    public Change remove(Actor actor, String id) {
        rules.refresh();
        try {
            rules.with(rules.base(), rules.stored().stream().filter(p -> !p.id().equals(id)).toList(), null);
        } catch (RulePackException | IllegalArgumentException e) {
            // The collector's configured profile is defined by this pack alone.
            throw new ApiError(409, "pack_in_use", "pack '" + id + "' cannot be removed: " + e.getMessage());
        }
        Change change = db.transaction(c -> {
            StoredPack before = PackStore.lockAndFind(c, db, id).orElseThrow(() -> ApiError.notFound(
                    "no rule pack '" + id + "' was added at this collector (built-in packs cannot be removed)"));
            PackStore.delete(c, id);
            audit.record(c, actor, REMOVE, id, before.title() + "; version " + before.version() + "; sha256 "
                    + before.sha256());
            return new Change(new PackInfo(before.id(), before.title(), before.version(), RulesInForce.ORIGIN + id,
                    before.sha256()), "removed", null);
        });
        rules.refresh();
        return change;
    }
}
