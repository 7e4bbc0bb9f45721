package io.banwatch.rules;

import io.banwatch.model.EvidenceKind;
import io.banwatch.model.Software;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which packages no signal of a rule set looks at, so a collector judging thousands of
 * reports of the same fleet checks each distinct package once rather than once per report: hosts
 * share most of their packages, and nearly all of them match nothing. A package that matches no
 * product, notice, requirement or catalog signal adds nothing to a judgement, so leaving it out of the traces
 * changes no finding and no security product.
 *
 * <p>The answer depends only on the fields signals compare (source, name, location, version,
 * publisher, identifier) and the host's OS family, which make the key. The cache is bounded: past
 * {@code capacity} keys it starts again empty, which costs time, never correctness.
 */
final class SoftwareRelevance {
    private record Key(String os, String source, String name, String location, String version, String publisher,
                       String identifier) {
        static Key of(Software s, String os) {
            return new Key(os, s.source(), s.name(), s.location(), s.version(), s.publisher(), s.identifier());
        }
    }

    private final List<RulePack> packs;
    private final SecurityCatalog catalog;
    private final int capacity;
    private final Map<Key, Boolean> known = new ConcurrentHashMap<>();

    SoftwareRelevance(RuleSet rules, int capacity) {
        this.packs = rules.packs();
        this.catalog = rules.catalog();
        this.capacity = capacity;
    }

    /** The packages of {@code software} that some signal looks at, in their order. */
    List<Software> relevantOf(List<Software> software, String os) {
        List<Software> out = new ArrayList<>();
        for (Software s : software) {
            if (relevant(s, os)) {
                out.add(s);
            }
        }
        return out;
    }

    /** Whether any signal of the rule set or its catalog matches {@code s} on {@code os}. */
    boolean relevant(Software s, String os) {
        Key key = Key.of(s, os);
        Boolean answer = known.get(key);
        if (answer == null) {
            answer = check(Trace.of(s), os);
            if (known.size() >= capacity) {
                known.clear();
            }
            known.put(key, answer);
        }
        return answer;
    }

    private boolean check(Trace t, String os) {
        if (catalog.entryFor(t, os) != null) {
            return true;
        }
        for (RulePack pack : packs) {
            for (SignalsByKind.Ref<ProductRule> ref : pack.signalsByKind().of(EvidenceKind.SOFTWARE)) {
                if (ref.signal().matches(t, os, pack.publisherPatterns())) {
                    return true;
                }
            }
            for (Notice notice : pack.notices()) {
                for (Signal signal : notice.signals()) {
                    if (signal.matches(t, os, pack.publisherPatterns())) {
                        return true;
                    }
                }
            }
            for (Requirement requirement : pack.requirements()) {
                for (Signal signal : requirement.signals()) {
                    if (signal.matches(t, os, pack.publisherPatterns())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
