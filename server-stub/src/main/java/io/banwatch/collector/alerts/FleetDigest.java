package io.banwatch.collector.alerts;

import io.banwatch.model.Verdict;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the daily digest reports: the active (not retired) fleet by standing and the level changes
 * of the last day.
 *
 * @param byLevel     hosts per standing, most serious first (an EnumMap's order), only standings some host has
 * @param since       the start of the period the changes cover: the previous digest, or a day before
 * @param changes     the level changes since then, oldest first, at most a screenful
 * @param moreChanges changes left out of {@code changes}
 */
public record FleetDigest(long hosts, Map<Verdict, Long> byLevel, long stale, long since, List<Change> changes,
                          long moreChanges) {
    public FleetDigest {
        byLevel = Collections.unmodifiableMap(new EnumMap<>(byLevel));
        changes = List.copyOf(changes);
    }

    /** @param from null for a host's first report */
    public record Change(String hostId, String hostname, Verdict from, Verdict to, long at) {
    }
}
