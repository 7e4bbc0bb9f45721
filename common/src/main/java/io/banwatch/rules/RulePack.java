package io.banwatch.rules;

import io.banwatch.model.Citation;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A vendor's rule pack: how to recognise its products and how each profile judges them over time.
 *
 * @param id                stable id, e.g. {@code kaspersky-us}
 * @param title             a title for people
 * @param version           the pack's own version
 * @param origin            where it was loaded from (file name or classpath resource)
 * @param zone              the zone milestone dates are in (deadlines begin at 00:00 there)
 * @param vendor            the vendor's name, e.g. "Kaspersky"
 * @param publisherPatterns publisher strings that name the vendor (Latin and Cyrillic)
 * @param products          products in match order; the last is usually a catch-all
 * @param milestones        by id
 * @param citations         by id
 * @param profiles          by id
 * @param notices           findings beside the products' judgements (related products, host conditions)
 * @param requirements      software whose absence is a finding
 * @param signalsByKind     the products' signals grouped by evidence kind, for matching
 * @param digest            the SHA-256 of the file it was loaded from, or null before that is known
 */
record RulePack(String id, String title, String version, String origin, PackZone zone, String vendor,
                List<Pattern> publisherPatterns, List<ProductRule> products, Map<String, Milestone> milestones,
                Map<String, Citation> citations, Map<String, ProfileRule> profiles, List<Notice> notices,
                List<Requirement> requirements, SignalsByKind<ProductRule> signalsByKind, FileDigest digest) {

    RulePack(String id, String title, String version, String origin, PackZone zone, String vendor,
             List<Pattern> publisherPatterns, List<ProductRule> products, Map<String, Milestone> milestones,
             Map<String, Citation> citations, Map<String, ProfileRule> profiles, List<Notice> notices,
             List<Requirement> requirements) {
        this(id, title, version, origin, zone, vendor, publisherPatterns, products, milestones, citations, profiles,
                notices, requirements, new SignalsByKind<>(products, ProductRule::signals), null);
    }

    RulePack withDigest(FileDigest fileDigest) {
        return new RulePack(id, title, version, origin, zone, vendor, publisherPatterns, products, milestones, citations,
                profiles, notices, requirements, signalsByKind, fileDigest);
    }

    /** Which pack this is; the SHA-256 is worked out here, the first time. */
    PackInfo info() {
        return new PackInfo(id, title, version, origin, digest == null ? null : digest.hex());
    }
}
