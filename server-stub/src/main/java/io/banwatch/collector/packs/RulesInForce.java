package io.banwatch.collector.packs;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.ingest.Evaluator;
import io.banwatch.rules.PackInfo;
import io.banwatch.rules.RulePackException;
import io.banwatch.rules.RuleSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rule packs this collector judges with now: the built-in ones and {@code rules.file} (the
 * base), then the packs administrators stored in the database. A change made on this collector
 * takes effect here at once ({@link #refresh()} after the commit); one made on another collector
 * sharing the database is seen at the next {@link #refresh()}, which reads one row unless the
 * packs changed.
 */
public final class RulesInForce {
    private static final Logger LOG = LoggerFactory.getLogger(RulesInForce.class);
    /** Where a stored pack says it came from, in errors and in {@code PackInfo.origin}. */
    static final String ORIGIN = "rule_packs/";

    private final RuleSet base;
    private final Clock clock;
    private final String profile;
    private final PackStore store;
    private final Set<String> vendorPacks;
    private volatile Current current;

    private record Current(long generation, RuleSet rules, Evaluator evaluator, List<StoredPack> stored) {
    }

    /**
     * @param base    the built-in packs with {@code rules.file}
     * @param profile the configured profile ({@code agent} or a profile id)
     * @throws IllegalArgumentException when no pack in force defines the configured profile
     */
    public RulesInForce(Database db, RuleSet base, Clock clock, String profile) {
        this.base = base;
        this.clock = clock;
        this.profile = profile;
        this.store = new PackStore(db);
        this.vendorPacks = vendorPacks();
        // The configured profile may be one that only a stored pack defines.
        this.current = load(store.generation(), store.all());
    }

    private Current load(long generation, List<StoredPack> stored) {
        RuleSet rules = with(base, stored, null);
        return new Current(generation, rules, new Evaluator(rules, clock, profile, vendorPacks), stored);
    }

    /** The judge of the packs in force. */
    public Evaluator evaluator() {
        return current.evaluator();
    }

    public RuleSet rules() {
        return current.rules();
    }

    /** The packs administrators added, as this collector last loaded them. */
    public List<StoredPack> stored() {
        return current.stored();
    }

    /**
     * Loads the stored packs again when another change was committed since the last look.
     *
     * @return true when the packs in force changed
     */
    public synchronized boolean refresh() {
        long generation = store.generation();
        if (generation == current.generation()) {
            return false;
        }
        try {
            current = load(generation, store.all());
            return true;
        } catch (RulePackException | IllegalArgumentException e) {
            // Only a pack this build cannot read (stored by a newer collector) can fail here.
            LOG.error("the stored rule packs cannot be used, judging with the previous ones: {}", e.getMessage());
            return false;
        }
    }

    /**
     * The base with the stored packs, and {@code replacing} in place of the stored pack of its id (or
     * after them) when given.
     *
     * @throws RulePackException when a pack is invalid: the one-line error of {@code --rules}
     */
    RuleSet with(RuleSet from, List<StoredPack> stored, Candidate replacing) {
        RuleSet rules = from;
        for (StoredPack p : stored) {
            if (replacing == null || !p.id().equals(replacing.id())) {
                rules = rules.withPack(new ByteArrayInputStream(p.content()), ORIGIN + p.id());
            }
        }
        if (replacing != null) {
            rules = rules.withPack(new ByteArrayInputStream(replacing.content()), replacing.origin());
        }
        new Evaluator(rules, clock, profile, vendorPacks);
        return rules;
    }

    /** The built-in packs' ids: their products, and those of a pack that replaces one, are the banned vendor's. */
    private static Set<String> vendorPacks() {
        Set<String> ids = new HashSet<>();
        List<PackInfo> builtIn = RuleSet.builtIn().packInfo();
        // The last entry is the security-product catalog, not a rule pack.
        for (PackInfo p : builtIn.subList(0, builtIn.size() - 1)) {
            ids.add(p.id());
        }
        return ids;
    }

    RuleSet base() {
        return base;
    }

    /** A pack offered by an administrator, not yet stored. */
    record Candidate(String id, byte[] content, String origin) {
    }
}
