package io.banwatch.rules;

import io.banwatch.model.Citation;
import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.SecurityProduct;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges an inventory against a {@link RuleSet} for one profile at one date.
 *
 * <p>Time comes from the injected {@link Clock}; an explicit {@code asOf} date answers "what did
 * this host look like to the rules then". Each pack's milestones are dates in the pack's own
 * zone (for the US packs, America/New_York: the 2024-09-29 cut-off began at 00:00 Eastern), so
 * "today" is today in that zone, not on the host.
 */
public final class RuleEngine {
    private final RuleSet rules;
    private final Clock clock;
    private final SecurityProductDetector detector;

    public RuleEngine(RuleSet rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
        this.detector = new SecurityProductDetector(rules.catalog());
    }

    /** The security products on the host: OS-reported ones merged with catalog matches. */
    public List<SecurityProduct> securityProducts(Inventory inventory) {
        return detector.detect(inventory);
    }

    /**
     * Findings for {@code profile}, judged on {@code asOf} (or today in each pack's zone when null).
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
        List<Trace> traces = Traces.of(inventory.software(), inventory.observations(), products);
        List<Finding> findings = new ArrayList<>();
        for (RulePack pack : rules.packs()) {
            ProfileRule rule = pack.profiles().get(profile);
            if (rule == null) {
                continue;
            }
            LocalDate date = asOf != null ? asOf : LocalDate.now(clock.withZone(pack.zone()));
            for (Map.Entry<ProductRule, Set<Evidence>> match : match(pack, traces, os).entrySet()) {
                findings.add(judge(pack, rule, match.getKey(), List.copyOf(match.getValue()), date));
            }
        }
        return findings;
    }

    /** The date "today" means for the first pack, for reports that record their evaluation date. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(rules.packs().isEmpty()
                ? java.time.ZoneOffset.UTC : rules.packs().get(0).zone()));
    }

    /**
     * Groups the traces a pack recognises by product. Traces of shared signals (a driver, a
     * registry key, a vendor folder) join the first product, in pack order, that its own signals
     * identified; only when there is none do they stand as a product of their own.
     */
    private static Map<ProductRule, Set<Evidence>> match(RulePack pack, List<Trace> traces, String os) {
        Map<ProductRule, Set<Evidence>> groups = new LinkedHashMap<>();
        Map<ProductRule, Integer> order = new LinkedHashMap<>();
        Map<ProductRule, Set<Evidence>> shared = new LinkedHashMap<>();
        for (Trace t : traces) {
            Claim claim = claim(pack, t, os);
            if (claim == null) {
                continue;
            }
            if (claim.signal().shared()) {
                shared.computeIfAbsent(claim.product(), k -> new LinkedHashSet<>()).add(t.evidence());
                continue;
            }
            ProductRule product = claim.product();
            if (product.catchAll() && t.evidence().kind() == io.banwatch.model.EvidenceKind.SOFTWARE) {
                product = product.namedAfter(t.evidence().name());
            }
            groups.computeIfAbsent(product, k -> new LinkedHashSet<>()).add(t.evidence());
            order.putIfAbsent(product, pack.products().indexOf(claim.product()));
        }
        ProductRule owner = order.entrySet().stream()
                .min(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(null);
        for (Map.Entry<ProductRule, Set<Evidence>> e : shared.entrySet()) {
            groups.computeIfAbsent(owner != null ? owner : e.getKey(), k -> new LinkedHashSet<>()).addAll(e.getValue());
        }
        return groups;
    }

    private record Claim(ProductRule product, Signal signal) {
    }

    private static Claim claim(RulePack pack, Trace trace, String os) {
        for (ProductRule product : pack.products()) {
            for (Signal s : product.signals()) {
                if (s.matches(trace, os, pack.publisherPatterns())) {
                    return new Claim(product, s);
                }
            }
        }
        return null;
    }

    private static Finding judge(RulePack pack, ProfileRule rule, ProductRule product, List<Evidence> evidence,
                                 LocalDate date) {
        Presence presence = evidence.stream().anyMatch(e -> e.kind().presence() == Presence.INSTALLED)
                ? Presence.INSTALLED : Presence.REMNANT;
        Phase phase = rule.phaseOn(date);
        Level level = presence == Presence.INSTALLED ? phase.installed() : phase.remnant();
        LocalDate deadline = null;
        Integer daysLeft = null;
        if (level == Level.DEADLINE) {
            deadline = phase.deadline().date();
            daysLeft = (int) ChronoUnit.DAYS.between(date, deadline);
        }
        Milestone governing = phase.milestone();
        Citation citation = governing == null ? null : pack.citations().get(governing.citation());
        String text = phase.message()
                .replace("{deadline}", phase.deadline() == null ? "" : phase.deadline().date().toString())
                .replace("{since}", governing == null ? "" : governing.date().toString());
        StringBuilder message = new StringBuilder(product.name())
                .append(presence == Presence.INSTALLED ? " is installed. " : " was removed, but remnants remain. ")
                .append(text);
        if (daysLeft != null) {
            message.append(' ').append(daysLeft).append(daysLeft == 1 ? " day left." : " days left.");
        }
        return new Finding(pack.id() + ":" + product.id(), level, rule.id(), pack.vendor(), product.name(), presence,
                governing == null ? null : governing.id(), deadline, daysLeft, message.toString(), citation, evidence);
    }
}
