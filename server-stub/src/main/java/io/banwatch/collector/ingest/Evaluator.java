package io.banwatch.collector.ingest;

import io.banwatch.model.Finding;
import io.banwatch.model.Inventory;
import io.banwatch.model.ScanError;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Verdict;
import io.banwatch.rules.PackInfo;
import io.banwatch.rules.RuleEngine;
import io.banwatch.rules.RuleSet;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The collector's judgement of a report: its own rule packs, its own profile and its own date.
 * This is the evaluation of record; the agent's findings are kept for comparison only. Updating
 * the collector's rules therefore updates every host's judgement without touching the agents.
 */
public final class Evaluator {
    /** Use the profile the agent declared. */
    public static final String AGENT_PROFILE = "agent";
    private static final String FALLBACK_PROFILE = "us-private";
    /** The width of {@code hosts.rules_version}. */
    private static final int MAX_RULES_VERSION = 200;
    /** Distinct packages whose irrelevance to the rules is remembered (a fleet has a few tens of thousands). */
    private static final int FLEET_PACKAGES = 200_000;

    private final RuleSet rules;
    private final RuleEngine engine;
    private final String configuredProfile;
    private final String rulesVersion;
    private final Map<String, PackInfo> packs;

    /** The ids of the packs whose products make a host "Kaspersky installed": the built-in ones. */
    private final java.util.Set<String> vendorPacks;

    /**
     * @param vendorPacks the ids of the packs whose installed products make a host "Kaspersky
     *                    installed" (the built-in packs, also when a file or an admin replaced one);
     *                    an organisation's own pack (AnyDesk disallowed) never does
     */
    public Evaluator(RuleSet rules, Clock clock, String configuredProfile, java.util.Set<String> vendorPacks) {
        if (!AGENT_PROFILE.equals(configuredProfile) && !rules.hasProfile(configuredProfile)) {
            throw new IllegalArgumentException("unknown profile '" + configuredProfile + "' (known: agent, "
                    + String.join(", ", rules.profiles()) + ")");
        }
        this.rules = rules;
        this.engine = RuleEngine.forFleet(rules, clock, FLEET_PACKAGES);
        this.configuredProfile = configuredProfile;
        this.rulesVersion = rulesVersionOf(rules);
        Map<String, PackInfo> byId = new LinkedHashMap<>();
        for (PackInfo p : rules.packInfo()) {
            byId.putIfAbsent(p.id(), p);
        }
        this.packs = Collections.unmodifiableMap(byId);
        this.vendorPacks = java.util.Set.copyOf(vendorPacks);
    }

    /**
     * The judgement of one report.
     *
     * @param profile  the profile judged with
     * @param asOf     the date judged at
     * @param products security products, re-recognised with the collector's catalog
     * @param findings the findings of record
     * @param verdict  the host's standing: the worst finding, INCOMPLETE when nothing worse was found
     *                 but a primary source could not be read, or CLEAN
     * @param errors   the sources the scan could not read, as the agent reported them
     * @param rules    the rule packs' versions it was judged with
     * @param packs    the packs it was judged with, by id: a finding's pack is its rule id's prefix
     * @param vendorPacks the ids of the packs whose products are the banned vendor's
     */
    public record Judgement(String profile, LocalDate asOf, List<SecurityProduct> products, List<Finding> findings,
                            Verdict verdict, List<ScanError> errors, String rules, Map<String, PackInfo> packs,
                            java.util.Set<String> vendorPacks) {
        /**
         * Whether a product of the banned vendor is installed: a finding of kind {@code product} of a
         * built-in pack. Notices (UltraAV), requirements and an organisation's own packs do not count.
         */
        public boolean kasperskyInstalled() {
            return findings.stream().anyMatch(f -> f.kind() == io.banwatch.model.FindingKind.PRODUCT
                    && f.presence() == io.banwatch.model.Presence.INSTALLED && vendorPacks.contains(packIdOf(f)));
        }

        private static String packIdOf(Finding f) {
            int colon = f.ruleId().indexOf(':');
            return colon < 0 ? "" : f.ruleId().substring(0, colon);
        }

        /** The pack that judged {@code f}, or null when its rule id names none of them. */
        public PackInfo packOf(Finding f) {
            int colon = f.ruleId().indexOf(':');
            return colon < 0 ? null : packs.get(f.ruleId().substring(0, colon));
        }
    }

    public Judgement judge(ScanReport report) {
        String profile = profileFor(report);
        Inventory inventory = new Inventory(report.host(), report.software(), report.observations(),
                report.securityProducts(), report.errors());
        List<SecurityProduct> products = engine.securityProducts(inventory);
        LocalDate today = engine.today();
        List<Finding> findings = engine.evaluate(inventory, products, profile, today);
        return new Judgement(profile, today, products, findings, Verdict.of(findings, report.incomplete()),
                report.errors(), rulesVersion, packs, vendorPacks);
    }

    /** The date a judgement made now is made at (US Eastern for the US packs). */
    public LocalDate today() {
        return engine.today();
    }

    /**
     * What a host's judgement records it was judged with ({@code hosts.rules_version}): a
     * fingerprint of every pack's id, version and SHA-256, then the packs' versions for people.
     * The fingerprint comes first, so that cutting the text to its column keeps it: a pack
     * replaced with other content under the same version is a change too.
     */
    static String rulesVersionOf(RuleSet rules) {
        StringBuilder all = new StringBuilder();
        for (PackInfo p : rules.packInfo()) {
            all.append(p.id()).append('|').append(p.version()).append('|').append(p.sha256()).append('\n');
        }
        String text = "#" + sha256(all.toString()).substring(0, 16) + " " + String.join(", ", rules.versions());
        return text.length() <= MAX_RULES_VERSION ? text : text.substring(0, MAX_RULES_VERSION);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** The rule packs' versions, which a stored judgement must match to be reused. */
    public String rulesVersion() {
        return rulesVersion;
    }

    public String profileFor(ScanReport report) {
        if (!AGENT_PROFILE.equals(configuredProfile)) {
            return configuredProfile;
        }
        return rules.hasProfile(report.profile()) ? report.profile() : FALLBACK_PROFILE;
    }

    public RuleSet rules() {
        return rules;
    }
}
