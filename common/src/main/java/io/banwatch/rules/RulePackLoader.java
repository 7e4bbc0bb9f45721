package io.banwatch.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.banwatch.json.JsonFormatException;
import io.banwatch.json.JsonObject;
import io.banwatch.json.JsonTree;
import io.banwatch.model.Citation;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Level;
import io.banwatch.model.OsFamily;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads rule packs and security catalogs from JSON and validates them.
 *
 * <p>Every problem is a {@link RulePackException} whose message names the file, the rule
 * (product, profile or milestone) and the field, e.g.
 * {@code my-rules.json: product 'kesl': products[0].signals[1].pattern: invalid regular expression}.
 */
final class RulePackLoader {
    private static final int PATTERN_FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE
            | Pattern.UNICODE_CHARACTER_CLASS;

    private final JsonTree tree = new JsonTree();

    RulePack loadPack(InputStream in, String origin) {
        byte[] bytes = readAll(in, origin);
        JsonObject root = parse(new java.io.ByteArrayInputStream(bytes), origin);
        try {
            return pack(root, origin).withDigest(new FileDigest(bytes));
        } catch (JsonFormatException | IllegalArgumentException e) {
            throw new RulePackException(origin + ": " + e.getMessage(), e);
        }
    }

    SecurityCatalog loadCatalog(InputStream in, String origin) {
        byte[] bytes = readAll(in, origin);
        JsonObject root = parse(new java.io.ByteArrayInputStream(bytes), origin);
        try {
            List<SecurityCatalog.Entry> entries = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            for (JsonObject p : root.list("products", o -> o)) {
                String id = p.text("id");
                if (!ids.add(id)) {
                    throw p.error("id", "duplicate product id '" + id + "'");
                }
                entries.add(withContext("product '" + id + "'", () -> new SecurityCatalog.Entry(id,
                        p.text("vendor"), p.text("product"), p.text("kind"), signals(p))));
            }
            if (entries.isEmpty()) {
                throw root.error("products", "a catalog needs at least one product");
            }
            return new SecurityCatalog(root.text("id"), root.text("version"), entries, origin,
                    new FileDigest(bytes));
        } catch (JsonFormatException | IllegalArgumentException e) {
            throw new RulePackException(origin + ": " + e.getMessage(), e);
        }
    }

    /** The whole file: its SHA-256 ({@link FileDigest}) names exactly which bytes judged a host. */
    private static byte[] readAll(InputStream in, String origin) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new RulePackException(origin + ": cannot read: " + e.getMessage(), e);
        }
    }

    JsonObject readObject(InputStream in, String origin) {
        return parse(in, origin);
    }

    private JsonObject parse(InputStream in, String origin) {
        try {
            Object root = tree.read(in);
            if (root == JsonTree.Missing.INSTANCE) {
                throw new RulePackException(origin + ": empty file, expected a JSON object");
            }
            return JsonObject.of(root, "");
        } catch (JsonProcessingException e) {
            throw new RulePackException(origin + ": " + JsonTree.syntaxError(e), e);
        } catch (JsonFormatException e) {
            throw new RulePackException(origin + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new RulePackException(origin + ": cannot read: " + e.getMessage(), e);
        }
    }

    private RulePack pack(JsonObject root, String origin) {
        String id = root.text("id");
        PackZone zone = zone(root);
        JsonObject vendor = root.object("vendor");

        Map<String, Citation> citations = new LinkedHashMap<>();
        for (JsonObject c : root.list("citations", o -> o)) {
            Citation citation = c.build(() -> new Citation(c.text("id"), c.text("title"), c.optText("url")));
            if (citations.put(citation.id(), citation) != null) {
                throw c.error("id", "duplicate citation id '" + citation.id() + "'");
            }
        }

        Map<String, Milestone> milestones = new LinkedHashMap<>();
        for (JsonObject m : root.list("milestones", o -> o)) {
            String mid = m.text("id");
            Milestone milestone = withContext("milestone '" + mid + "'", () -> {
                String cite = m.text("citation");
                if (!citations.containsKey(cite)) {
                    throw m.error("citation", "unknown citation '" + cite + "'");
                }
                return new Milestone(mid, m.date("date"), m.text("title"), cite, m.texts("sources"));
            });
            if (milestones.put(mid, milestone) != null) {
                throw m.error("id", "duplicate milestone id '" + mid + "'");
            }
        }

        List<ProductRule> products = new ArrayList<>();
        Set<String> productIds = new LinkedHashSet<>();
        for (JsonObject p : root.list("products", o -> o)) {
            String pid = p.text("id");
            if (!productIds.add(pid)) {
                throw p.error("id", "duplicate product id '" + pid + "'");
            }
            products.add(withContext("product '" + pid + "'",
                    () -> new ProductRule(pid, p.text("name"), p.text("kind"), signals(p),
                            Boolean.TRUE.equals(p.optBoolean("catchAll")))));
        }

        Map<String, ProfileRule> profiles = new LinkedHashMap<>();
        for (JsonObject p : root.list("profiles", o -> o)) {
            String pid = p.text("id");
            ProfileRule profile = withContext("profile '" + pid + "'", () -> profile(p, pid, milestones));
            if (profiles.put(pid, profile) != null) {
                throw p.error("id", "duplicate profile id '" + pid + "'");
            }
        }
        List<Requirement> requirements = new ArrayList<>();
        Set<String> requirementIds = new LinkedHashSet<>();
        for (JsonObject r : root.list("requirements", o -> o)) {
            String rid = r.text("id");
            if (!requirementIds.add(rid) || productIds.contains(rid)) {
                throw r.error("id", "duplicate id '" + rid + "' (products and requirements share the rule ids)");
            }
            requirements.add(withContext("requirement '" + rid + "'", () -> requirement(r, rid, vendor.text("name"),
                    milestones)));
        }
        if (products.isEmpty() && requirements.isEmpty()) {
            throw root.error("products", "a rule pack needs at least one product or requirement");
        }
        if (profiles.isEmpty() && !products.isEmpty()) {
            throw root.error("profiles", "a rule pack needs at least one profile");
        }

        List<Notice> notices = new ArrayList<>();
        Set<String> noticeIds = new LinkedHashSet<>();
        for (JsonObject n : root.list("notices", o -> o)) {
            String nid = n.text("id");
            if (!noticeIds.add(nid)) {
                throw n.error("id", "duplicate notice id '" + nid + "'");
            }
            notices.add(withContext("notice '" + nid + "'", () -> notice(n, nid, vendor.text("name"), milestones,
                    citations)));
        }

        List<Pattern> publishers = patterns(vendor, "publisherPatterns");
        return new RulePack(id, root.text("title"), root.text("version"), origin, zone, vendor.text("name"),
                publishers, List.copyOf(products), Map.copyOf(milestones), Map.copyOf(citations),
                Map.copyOf(profiles), List.copyOf(notices), List.copyOf(requirements));
    }

    private static Requirement requirement(JsonObject r, String id, String packVendor, Map<String, Milestone> milestones) {
        Set<String> profiles = new LinkedHashSet<>(r.texts("profiles"));
        if (profiles.isEmpty()) {
            throw r.error("profiles", "a requirement needs the profiles it applies to");
        }
        List<Signal> signals = r.list("signals", RulePackLoader::signal);
        Set<String> kinds = new LinkedHashSet<>(r.texts("securityProductKinds"));
        if (signals.isEmpty() && kinds.isEmpty()) {
            throw r.error("signals", "a requirement needs signals or securityProductKinds: what satisfies it");
        }
        Level level = level(r, "level");
        if (level == Level.DEADLINE) {
            throw r.error("level", "a requirement is VIOLATION, RISK or INFO from its milestone on, not a DEADLINE");
        }
        String vendorName = r.optText("vendor");
        return new Requirement(id, r.text("name"), vendorName == null ? packVendor : vendorName, Set.copyOf(profiles),
                milestone(r, "from", milestones), level, r.text("message"), signals, Set.copyOf(kinds));
    }

    private static Notice notice(JsonObject n, String id, String packVendor, Map<String, Milestone> milestones,
                                 Map<String, Citation> citations) {
        String cite = n.optText("citation");
        if (cite != null && !citations.containsKey(cite)) {
            throw n.error("citation", "unknown citation '" + cite + "'");
        }
        Notice.Condition condition = null;
        String conditionText = n.optText("condition");
        if (conditionText != null) {
            try {
                condition = Notice.Condition.valueOf(conditionText.toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw n.error("condition", "unknown condition '" + conditionText + "' (expected unprotected-after-removal)");
            }
        }
        List<Signal> signals = n.list("signals", RulePackLoader::signal);
        if ((condition == null) == signals.isEmpty()) {
            throw n.error("signals", "a notice needs either signals or a condition, not both");
        }
        String vendorName = n.optText("vendor");
        return new Notice(id, vendorName == null ? packVendor : vendorName, n.text("name"), level(n, "level"),
                n.text("message"), milestone(n, "milestone", milestones), cite, signals, condition);
    }

    private static PackZone zone(JsonObject root) {
        String text = root.text("timeZone");
        try {
            return PackZone.of(text);
        } catch (DateTimeException e) {
            throw root.error("timeZone", "unknown time zone '" + text + "'");
        }
    }

    private static ProfileRule profile(JsonObject p, String id, Map<String, Milestone> milestones) {
        List<Phase> phases = new ArrayList<>();
        List<JsonObject> items = p.list("phases", o -> o);
        if (items.isEmpty()) {
            throw p.error("phases", "a profile needs at least one phase");
        }
        for (int i = 0; i < items.size(); i++) {
            JsonObject ph = items.get(i);
            Milestone from = milestone(ph, "from", milestones);
            if (i == 0 && from != null) {
                throw ph.error("from", "the first phase must start 'since always' (no 'from')");
            }
            if (i > 0 && from == null) {
                throw ph.error("from", "every phase after the first needs a 'from' milestone");
            }
            if (i > 0 && phases.get(i - 1).from() != null && !from.date().isAfter(phases.get(i - 1).from().date())) {
                throw ph.error("from", "phases must be in date order; '" + from.id() + "' ("
                        + from.date() + ") does not come after the previous phase");
            }
            Level installed = level(ph, "installed");
            Level remnant = level(ph, "remnant");
            if (remnant.atLeast(installed) && remnant != installed) {
                throw ph.error("remnant", "a remnant (" + remnant + ") cannot be judged more severely than an install ("
                        + installed + ")");
            }
            Milestone governing = ph.has("milestone") ? milestone(ph, "milestone", milestones) : from;
            Milestone deadline = milestone(ph, "deadline", milestones);
            if (installed == Level.DEADLINE || remnant == Level.DEADLINE) {
                if (deadline == null) {
                    throw ph.error("deadline", "a DEADLINE phase needs the milestone it counts down to");
                }
                if (from != null && !deadline.date().isAfter(from.date())) {
                    throw ph.error("deadline", "deadline '" + deadline.id() + "' must come after the phase start");
                }
            }
            phases.add(new Phase(from, installed, remnant, governing, deadline, ph.text("message")));
        }
        return new ProfileRule(id, p.text("title"), List.copyOf(phases));
    }

    private static Milestone milestone(JsonObject o, String field, Map<String, Milestone> milestones) {
        String ref = o.optText(field);
        if (ref == null) {
            return null;
        }
        Milestone m = milestones.get(ref);
        if (m == null) {
            throw o.error(field, "unknown milestone '" + ref + "'");
        }
        return m;
    }

    private static Level level(JsonObject o, String field) {
        String text = o.text(field);
        try {
            return Level.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw o.error(field, "unknown level '" + text + "' (expected " + Level.choices() + ")");
        }
    }

    private static List<Signal> signals(JsonObject product) {
        List<Signal> signals = product.list("signals", RulePackLoader::signal);
        if (signals.isEmpty()) {
            throw product.error("signals", "a product needs at least one signal");
        }
        return signals;
    }

    private static Signal signal(JsonObject s) {
        EvidenceKind kind;
        String kindText = s.text("kind");
        try {
            kind = EvidenceKind.fromJson(kindText);
        } catch (IllegalArgumentException e) {
            throw s.error("kind", e.getMessage());
        }
        SignalField field;
        try {
            field = s.has("field") ? SignalField.fromJson(s.text("field")) : SignalField.NAME;
        } catch (IllegalArgumentException e) {
            throw s.error("field", e.getMessage());
        }
        List<String> rawNames = s.texts("names");
        Set<String> names = folded(rawNames);
        List<String> prefixes = List.copyOf(folded(s.texts("prefixes")));
        Pattern pattern = s.has("pattern") ? compile(s, "pattern", s.text("pattern")) : null;
        if (names.isEmpty() && prefixes.isEmpty() && pattern == null) {
            throw s.error("names", "a signal needs names, prefixes or a pattern");
        }
        boolean requiresPublisher = Boolean.TRUE.equals(s.optBoolean("requiresVendorPublisher"));
        if (requiresPublisher && kind != EvidenceKind.SOFTWARE) {
            throw s.error("requiresVendorPublisher", "only software has a publisher");
        }
        boolean requiresRunning = Boolean.TRUE.equals(s.optBoolean("requiresRunning"));
        if (requiresRunning && kind != EvidenceKind.SERVICE && kind != EvidenceKind.DRIVER) {
            throw s.error("requiresRunning", "only services and drivers run");
        }
        return new Signal(kind, field, names, List.copyOf(rawNames), prefixes, pattern, Set.copyOf(s.texts("sources")),
                osFamilies(s), requiresPublisher, requiresRunning, Boolean.TRUE.equals(s.optBoolean("shared")),
                presence(s), pattern == null ? null : LiteralHint.of(pattern.pattern()));
    }

    /** A signal's {@code os}: family ids, case folded; a misspelt one would silently never match. */
    private static Set<String> osFamilies(JsonObject s) {
        Set<String> ids = new LinkedHashSet<>();
        for (String os : s.texts("os")) {
            ids.add(OsFamily.fromId(os).orElseThrow(() -> s.error("os",
                    "unknown OS family '" + os + "' (expected " + OsFamily.choices() + ")")).id());
        }
        return Set.copyOf(ids);
    }

    private static io.banwatch.model.Presence presence(JsonObject s) {
        String text = s.optText("presence");
        if (text == null) {
            return null;
        }
        io.banwatch.model.Presence p;
        try {
            p = io.banwatch.model.Presence.fromJson(text);
        } catch (IllegalArgumentException e) {
            p = null;
        }
        if (p == null || p == io.banwatch.model.Presence.ABSENT) {
            throw s.error("presence", "unknown presence '" + text + "' (expected installed or remnant)");
        }
        return p;
    }

    private static List<Pattern> patterns(JsonObject o, String field) {
        List<Pattern> out = new ArrayList<>();
        for (String text : o.texts(field)) {
            out.add(compile(o, field, text));
        }
        return List.copyOf(out);
    }

    /** The pattern as it matches folded values ({@link MatchText#pattern}); errors quote it as written. */
    private static Pattern compile(JsonObject o, String field, String regex) {
        try {
            return Pattern.compile(MatchText.pattern(regex), PATTERN_FLAGS);
        } catch (PatternSyntaxException e) {
            throw o.error(field, "invalid regular expression '" + regex + "': " + e.getDescription());
        }
    }

    private static Set<String> folded(List<String> values) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(MatchText.literal(v));
        }
        return Set.copyOf(out);
    }

    private static <T> T withContext(String context, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (JsonFormatException e) {
            throw new JsonFormatException(context + ": " + e.getMessage(), e);
        }
    }
}
