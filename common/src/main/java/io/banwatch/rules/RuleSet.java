package io.banwatch.rules;

import io.banwatch.json.JsonObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The rule packs and the security catalog a scan is judged with.
 *
 * <pre>{@code
 * RuleSet rules = RuleSet.builtIn().withPackFile(Path.of("/etc/banwatch/rules.d/extra.json"));
 * }</pre>
 *
 * The built-in packs come from {@code seeds/} (listed in {@code seeds/index.json}), which the
 * build copies onto the classpath. A user pack with the id of a built-in one replaces it, so
 * dates can be corrected without a new agent.
 */
public final class RuleSet {
    private static final String SEEDS = "banwatch/seeds/";

    private final List<RulePack> packs;
    private final SecurityCatalog catalog;

    private RuleSet(List<RulePack> packs, SecurityCatalog catalog) {
        this.packs = List.copyOf(packs);
        this.catalog = catalog;
    }

    /** The packs and catalog shipped in {@code seeds/}. */
    public static RuleSet builtIn() {
        RulePackLoader loader = new RulePackLoader();
        JsonObject index = indexOf(loader);
        List<RulePack> packs = new ArrayList<>();
        for (String name : index.texts("rulePacks")) {
            try (InputStream in = resource(name)) {
                packs.add(loader.loadPack(in, "seeds/" + name));
            } catch (IOException e) {
                throw new RulePackException("seeds/" + name + ": cannot read: " + e.getMessage(), e);
            }
        }
        String catalogName = index.text("securityCatalog");
        try (InputStream in = resource(catalogName)) {
            return new RuleSet(packs, loader.loadCatalog(in, "seeds/" + catalogName));
        } catch (IOException e) {
            throw new RulePackException("seeds/" + catalogName + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** This set plus the pack in {@code file}, which replaces a pack of the same id. */
    public RuleSet withPackFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return withPack(in, file.toString());
        } catch (NoSuchFileException e) {
            throw new RulePackException(file + ": no such file");
        } catch (IOException e) {
            throw new RulePackException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** This set plus a pack read from {@code in}; {@code origin} names it in errors. */
    public RuleSet withPack(InputStream in, String origin) {
        RulePack pack = new RulePackLoader().loadPack(in, origin);
        List<RulePack> next = new ArrayList<>();
        for (RulePack p : packs) {
            if (!p.id().equals(pack.id())) {
                next.add(p);
            }
        }
        next.add(pack);
        return new RuleSet(next, catalog);
    }

    /**
     * Reads and checks one pack without adding it to a set: which pack it is (the collector checks a
     * pack an administrator offers before storing it).
     *
     * @throws RulePackException with the same one-line message as {@code --rules}
     */
    public static PackInfo inspect(InputStream in, String origin) {
        return new RulePackLoader().loadPack(in, origin).info();
    }

    /** Every profile some pack defines, sorted. */
    public Set<String> profiles() {
        Set<String> out = new TreeSet<>();
        for (RulePack p : packs) {
            out.addAll(p.profiles().keySet());
            for (Requirement r : p.requirements()) {
                out.addAll(r.profiles());
            }
        }
        return out;
    }

    public boolean hasProfile(String profile) {
        return profiles().contains(profile);
    }

    /** Every pack in force, in judging order, then the security catalog. */
    public List<PackInfo> packInfo() {
        List<PackInfo> out = new ArrayList<>();
        for (RulePack p : packs) {
            out.add(p.info());
        }
        out.add(new PackInfo(catalog.id(), "security-product catalog", catalog.version(), catalog.origin(),
                catalog.digest().hex()));
        return out;
    }

    /** "id version" of every pack and the catalog, for reports and logs. */
    public List<String> versions() {
        List<String> out = new ArrayList<>();
        for (RulePack p : packs) {
            out.add(p.id() + " " + p.version());
        }
        out.add(catalog.id() + " " + catalog.version());
        return out;
    }

    /**
     * The install paths worth checking on a host of this OS family: the exact paths named by
     * path signals of every pack and of the catalog.
     */
    public List<String> pathsToProbe(String osFamily) {
        Set<String> out = new LinkedHashSet<>();
        for (RulePack p : packs) {
            for (ProductRule product : p.products()) {
                addPaths(product.signals(), osFamily, out);
            }
        }
        for (SecurityCatalog.Entry e : catalog.entries()) {
            addPaths(e.signals(), osFamily, out);
        }
        return List.copyOf(out);
    }

    /**
     * The level a product of pack {@code packId} has under {@code profile} on {@code date}: what a
     * finding judged that day would say, so a caller can tell which milestone ahead will change it
     * (the collector's "deadline approaching" alerts).
     *
     * <pre>{@code
     * rules.levelOn("kaspersky-us", "us-federal-contractor", Presence.INSTALLED, LocalDate.parse("2018-07-16"));
     * // VIOLATION (DEADLINE the day before)
     * }</pre>
     *
     * @return the level, or null when no such pack defines the profile
     */
    public io.banwatch.model.Level levelOn(String packId, String profile, io.banwatch.model.Presence presence,
                                           java.time.LocalDate date) {
        for (RulePack p : packs) {
            ProfileRule rule = p.id().equals(packId) ? p.profiles().get(profile) : null;
            if (rule != null) {
                Phase phase = rule.phaseOn(date);
                return presence == io.banwatch.model.Presence.INSTALLED ? phase.installed() : phase.remnant();
            }
        }
        return null;
    }

    /** Today in pack {@code packId}'s zone (its milestones' dates begin there), or in UTC for an unknown pack. */
    public java.time.LocalDate today(String packId, java.time.Clock clock) {
        for (RulePack p : packs) {
            if (p.id().equals(packId)) {
                return p.zone().today(clock);
            }
        }
        return java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
    }

    /** Every milestone of every pack, in date order. */
    public List<MilestoneInfo> milestones() {
        List<MilestoneInfo> out = new ArrayList<>();
        for (RulePack p : packs) {
            for (Milestone m : p.milestones().values()) {
                io.banwatch.model.Citation c = p.citations().get(m.citation());
                out.add(new MilestoneInfo(p.id(), m.id(), m.date(), m.title(), c.title(), c.url()));
            }
        }
        out.sort(java.util.Comparator.comparing(MilestoneInfo::date).thenComparing(MilestoneInfo::id));
        return out;
    }

    List<RulePack> packs() {
        return packs;
    }

    SecurityCatalog catalog() {
        return catalog;
    }

    private static void addPaths(List<Signal> signals, String osFamily, Set<String> out) {
        for (Signal s : signals) {
            if (s.kind() == io.banwatch.model.EvidenceKind.PATH && s.field() == SignalField.NAME
                    && (s.osFamilies().isEmpty() || s.osFamilies().contains(osFamily))) {
                out.addAll(s.rawNames());
            }
        }
    }

    private static JsonObject indexOf(RulePackLoader loader) {
        try (InputStream in = resource("index.json")) {
            return loader.readObject(in, "seeds/index.json");
        } catch (IOException e) {
            throw new RulePackException("seeds/index.json: cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(SEEDS + name);
        if (in == null) {
            throw new RulePackException("seeds/" + name + ": not on the classpath (was the build run?)");
        }
        return in;
    }
}
