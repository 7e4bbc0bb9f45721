package io.banwatch.rules;

import io.banwatch.model.Citation;
import io.banwatch.model.Evidence;
import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Finding;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Software;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Judges an inventory against a {@link RuleSet} for one profile at one date.
 *
 * <p>Time comes from the injected {@link Clock}; an explicit {@code asOf} date answers "what did
 * this host look like to the rules then". Each pack's milestones are dates in the pack's own
 * zone (for the US packs, America/New_York: the 2024-09-29 cut-off began at 00:00 Eastern), so
 * "today" is today in that zone, not on the host.
 */
public final class RuleEngine {
    /** Level order; List.sort is stable, so equal levels keep pack order (products, then notices). */
    private static final Comparator<Finding> MOST_SERIOUS_FIRST = Comparator.comparing(Finding::level);

    private final RuleSet rules;
    private final Clock clock;
    private final SecurityProductDetector detector;
    /** Null: every package is traced (a scan judges one inventory; a cache would only cost start-up). */
    private final SoftwareRelevance relevance;

    public RuleEngine(RuleSet rules, Clock clock) {
        this(rules, clock, null);
    }

    private RuleEngine(RuleSet rules, Clock clock, SoftwareRelevance relevance) {
        this.rules = rules;
        this.clock = clock;
        this.detector = new SecurityProductDetector(rules.catalog());
        this.relevance = relevance;
    }

    /**
     * An engine for judging many inventories of one fleet (the collector): it remembers, for up to
     * {@code capacity} distinct packages, which ones no signal looks at, and skips them in later
     * judgements. The findings are the same as {@link #RuleEngine(RuleSet, Clock)}'s.
     */
    public static RuleEngine forFleet(RuleSet rules, Clock clock, int capacity) {
        return new RuleEngine(rules, clock, new SoftwareRelevance(rules, capacity));
    }

    /** The security products on the host: OS-reported ones merged with catalog matches. */
    public List<SecurityProduct> securityProducts(Inventory inventory) {
        return detector.detect(inventory, tracedSoftware(inventory));
    }

    private List<Software> tracedSoftware(Inventory inventory) {
        return relevance == null ? inventory.software()
                : relevance.relevantOf(inventory.software(), inventory.host().os().family());
    }

    /**
     * Findings for {@code profile}, judged on {@code asOf} (or today in each pack's zone when null),
     * most serious first; findings of the same level come in pack order (packs in the rule set's
     * order; in each, its products in their order, then its notices), so every reader (the CLI, the
     * collector's API and exports) lists them the same way.
     *
     * @throws IllegalArgumentException when no pack defines the profile
     */
    public List<Finding> evaluate(Inventory inventory, List<SecurityProduct> products, String profile,
                                  LocalDate asOf) {
        if (!rules.hasProfile(profile)) {
            throw new IllegalArgumentException("unknown profile '" + profile + "' (known: "
                    + String.join(", ", rules.profiles()) + ")");
        }
        String os = inventory.host().os().family();
        List<Trace> traces = Traces.of(tracedSoftware(inventory), inventory.observations(), products);
        List<Finding> findings = new ArrayList<>();
        for (RulePack pack : rules.packs()) {
            LocalDate date = asOf != null ? asOf : pack.zone().today(clock);
            ProfileRule rule = pack.profiles().get(profile);
            if (rule == null) {
                findings.addAll(requirements(pack, profile, products, traces, os, date));
                continue;
            }
            List<Finding> packFindings = new ArrayList<>();
            for (Map.Entry<ProductRule, Map<Evidence, Presence>> match : match(pack, traces, os).entrySet()) {
                packFindings.add(judge(pack, rule, match.getKey(), match.getValue(), date));
            }
            findings.addAll(packFindings);
            for (Notice notice : pack.notices()) {
                Finding f = notice(pack, notice, profile, packFindings, products, traces, os, date);
                if (f != null) {
                    findings.add(f);
                }
            }
            findings.addAll(requirements(pack, profile, products, traces, os, date));
        }
        findings.sort(MOST_SERIOUS_FIRST);
        return findings;
    }

    /** The date "today" means for the first pack, for reports that record their evaluation date. */
    public LocalDate today() {
        return rules.packs().isEmpty() ? LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC))
                : rules.packs().get(0).zone().today(clock);
    }

    /**
     * Groups the traces a pack recognises by product, in pack order, with what each trace proves. Traces of
     * shared signals (a driver, a registry key, a vendor folder) join the first product, in pack
     * order, that its own signals identified; when none was, they all join the first product in
     * pack order that a shared signal named, so one product's leftovers make one finding.
     */
    private static Map<ProductRule, Map<Evidence, Presence>> match(RulePack pack, List<Trace> traces, String os) {
        Map<ProductRule, Map<Evidence, Presence>> groups = new LinkedHashMap<>();
        Map<ProductRule, Integer> order = new LinkedHashMap<>();
        Map<Evidence, Presence> shared = new LinkedHashMap<>();
        ProductRule firstShared = null;
        for (Trace t : traces) {
            Claim claim = claim(pack, t, os);
            if (claim == null) {
                continue;
            }
            Presence presence = claim.signal().presenceOf(t);
            if (claim.signal().shared()) {
                shared.merge(t.evidence(), presence, RuleEngine::stronger);
                if (firstShared == null || pack.products().indexOf(claim.product()) < pack.products().indexOf(firstShared)) {
                    firstShared = claim.product();
                }
                continue;
            }
            ProductRule product = claim.product();
            if (product.catchAll() && t.evidence().kind() == io.banwatch.model.EvidenceKind.SOFTWARE) {
                product = product.namedAfter(t.evidence().name());
            }
            groups.computeIfAbsent(product, k -> new LinkedHashMap<>()).merge(t.evidence(), presence, RuleEngine::stronger);
            order.putIfAbsent(product, pack.products().indexOf(claim.product()));
        }
        ProductRule owner = order.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(firstShared);
        if (owner != null && !shared.isEmpty()) {
            Map<Evidence, Presence> target = groups.computeIfAbsent(owner, k -> new LinkedHashMap<>());
            shared.forEach((e, p) -> target.merge(e, p, RuleEngine::stronger));
            order.putIfAbsent(owner, pack.products().indexOf(owner));
        }
        // In pack order, whatever order the traces came in (a catch-all's entries in the order seen).
        List<ProductRule> inPackOrder = new ArrayList<>(groups.keySet());
        inPackOrder.sort(Comparator.comparing(order::get));
        Map<ProductRule, Map<Evidence, Presence>> sorted = new LinkedHashMap<>();
        inPackOrder.forEach(product -> sorted.put(product, groups.get(product)));
        return sorted;
    }

    private static Presence stronger(Presence a, Presence b) {
        return a == Presence.INSTALLED || b == Presence.INSTALLED ? Presence.INSTALLED : Presence.REMNANT;
    }

    private record Claim(ProductRule product, Signal signal) {
    }

    /** The first product, in pack order, with a signal that matches the trace. */
    private static Claim claim(RulePack pack, Trace trace, String os) {
        for (SignalsByKind.Ref<ProductRule> ref : pack.signalsByKind().of(trace.evidence().kind())) {
            if (ref.signal().matches(trace, os, pack.publisherPatterns())) {
                return new Claim(ref.owner(), ref.signal());
            }
        }
        return null;
    }

    /**
     * A notice's finding, or null when it does not apply to this host, or not yet on this date: a
     * notice tied to a milestone (UltraAV replaced Kaspersky from 2024-09-19) tells of that event and
     * would not be true before it.
     */
    private static Finding notice(RulePack pack, Notice notice, String profile, List<Finding> packFindings,
                                  List<SecurityProduct> products, List<Trace> traces, String os, LocalDate date) {
        if (notice.milestone() != null && date.isBefore(notice.milestone().date())) {
            return null;
        }
        List<Evidence> evidence = new ArrayList<>();
        String message = notice.message();
        Presence presence = Presence.INSTALLED;
        if (notice.condition() == Notice.Condition.UNPROTECTED_AFTER_REMOVAL) {
            boolean onlyRemnants = !packFindings.isEmpty()
                    && packFindings.stream().allMatch(f -> f.presence() == Presence.REMNANT);
            boolean processesSeen = traces.stream().anyMatch(t -> t.evidence().kind() == EvidenceKind.PROCESS);
            boolean protectedByOther = products.stream()
                    .anyMatch(p -> !p.vendor().equalsIgnoreCase(pack.vendor()) && protects(p, processesSeen));
            if (!onlyRemnants || protectedByOther) {
                return null;
            }
            packFindings.forEach(f -> evidence.addAll(f.evidence()));
            presence = Presence.REMNANT;
            List<String> inactive = products.stream().filter(p -> !p.vendor().equalsIgnoreCase(pack.vendor()))
                    .map(SecurityProduct::product).toList();
            if (!inactive.isEmpty()) {
                message = message + " Present but not active: " + String.join(", ", inactive) + ".";
            }
        } else {
            for (Trace t : traces) {
                for (Signal s : notice.signals()) {
                    if (s.matches(t, os, pack.publisherPatterns())) {
                        evidence.add(t.evidence());
                        break;
                    }
                }
            }
            if (evidence.isEmpty()) {
                return null;
            }
        }
        Citation citation = notice.citation() == null ? null : pack.citations().get(notice.citation());
        return new Finding(pack.id() + ":" + notice.id(), FindingKind.NOTICE, notice.level(), profile, notice.vendor(), notice.name(),
                presence, notice.milestone() == null ? null : notice.milestone().id(),
                notice.milestone() == null ? null : notice.milestone().date(), null, null, message, citation,
                List.copyOf(new java.util.LinkedHashSet<>(evidence)));
    }

    /**
     * The pack's requirements for this profile that the host does not meet on this date: one
     * finding each, in pack order. A requirement is met by a trace one of its signals matches, or by
     * an active security product of one of its kinds.
     */
    private static List<Finding> requirements(RulePack pack, String profile, List<SecurityProduct> products,
                                              List<Trace> traces, String os, LocalDate date) {
        List<Finding> out = new ArrayList<>();
        for (Requirement r : pack.requirements()) {
            if (!r.profiles().contains(profile) || (r.from() != null && date.isBefore(r.from().date()))) {
                continue;
            }
            boolean met = products.stream().anyMatch(p -> p.active() && r.securityProductKinds().contains(p.kind()))
                    || traces.stream().anyMatch(t -> r.signals().stream()
                    .anyMatch(s -> s.matches(t, os, pack.publisherPatterns())));
            if (met) {
                continue;
            }
            LocalDate since = r.from() == null ? null : r.from().date();
            Citation citation = r.from() == null ? null : pack.citations().get(r.from().citation());
            String message = r.message().replace("{since}", since == null ? "" : since.toString());
            out.add(new Finding(pack.id() + ":" + r.id(), FindingKind.REQUIREMENT, r.level(), profile, r.vendor(),
                    r.name(), Presence.ABSENT, r.from() == null ? null : r.from().id(), since, null, null, message,
                    citation, List.of()));
        }
        return out;
    }

    /**
     * Whether a product counts as protection. Every collector lists all running programs, so an
     * inventory without a single process is one whose programs could not be seen (an offline
     * image, or a failed process source): there an installed product that no one reported as off
     * may well be running, and calling the host unprotected would be a guess, not a finding.
     */
    private static boolean protects(SecurityProduct p, boolean processesSeen) {
        return p.active() || (!processesSeen && p.enabled() == null && p.installed());
    }

    private static Finding judge(RulePack pack, ProfileRule rule, ProductRule product, Map<Evidence, Presence> traces,
                                 LocalDate date) {
        Presence presence = traces.containsValue(Presence.INSTALLED) ? Presence.INSTALLED : Presence.REMNANT;
        List<Evidence> evidence = List.copyOf(traces.keySet());
        Phase phase = rule.phaseOn(date);
        Level level = presence == Presence.INSTALLED ? phase.installed() : phase.remnant();
        LocalDate deadline = null;
        Integer daysLeft = null;
        if (level == Level.DEADLINE) {
            deadline = phase.deadline().date();
            daysLeft = (int) ChronoUnit.DAYS.between(date, deadline);
        }
        // The milestone a finding names is the one whose date it shows: the deadline ahead for a
        // DEADLINE, else the one that governs the phase (since when the level applies).
        Milestone governing = phase.milestone();
        Milestone named = level == Level.DEADLINE ? phase.deadline() : governing;
        Citation citation = named == null ? null : pack.citations().get(named.citation());
        String text = phase.message()
                .replace("{deadline}", phase.deadline() == null ? "" : phase.deadline().date().toString())
                .replace("{since}", governing == null ? "" : governing.date().toString());
        StringBuilder message = new StringBuilder(product.name())
                .append(presence == Presence.INSTALLED ? " is installed. " : " was removed, but remnants remain. ")
                .append(text);
        if (daysLeft != null) {
            message.append(' ').append(daysLeft).append(daysLeft == 1 ? " day left." : " days left.");
        }
        LocalDate since = governing == null || deadline != null ? null : governing.date();
        return new Finding(pack.id() + ":" + product.id(), FindingKind.PRODUCT, level, rule.id(), pack.vendor(),
                product.name(), presence, named == null ? null : named.id(), since, deadline, daysLeft,
                message.toString(), citation, evidence);
    }
}
