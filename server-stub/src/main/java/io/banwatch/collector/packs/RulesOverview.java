package io.banwatch.collector.packs;

import io.banwatch.collector.db.Database;
import io.banwatch.rules.PackInfo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What admins are shown of the rules: the packs in force, and the fleet's re-judging with them. */
public final class RulesOverview {
    private final Database db;
    private final RulesInForce rules;

    public RulesOverview(Database db, RulesInForce rules) {
        this.db = db;
        this.rules = rules;
    }

    /**
     * One pack in force.
     *
     * @param source  {@code built-in}, {@code file} ({@code rules.file}) or {@code collector} (added by an admin)
     * @param addedBy who added it, for a collector pack, else null
     * @param addedAt when (ISO-8601), for a collector pack, else null
     */
    public record PackRow(String id, String title, String version, String origin, String sha256, String source,
                          String addedBy, String addedAt) {
    }

    /**
     * The rules in force and the re-judging.
     *
     * @param rulesVersion   what hosts judged with these packs record
     * @param state          the re-judging run as stored
     * @param current        whether that run is towards these packs
     * @param hostsInService hosts not retired
     * @param hostsBehind    of them, hosts not judged with these packs yet
     * @param fleetJudgedAt  when the whole fleet was last judged with the packs in force (ISO-8601),
     *                       or null while it is not
     */
    public record Overview(List<PackRow> packs, String rulesVersion, RejudgeState state, boolean current,
                           long hostsInService, long hostsBehind, String fleetJudgedAt) {
    }

    public Overview overview() {
        rules.refresh();
        Map<String, StoredPack> stored = new HashMap<>();
        for (StoredPack p : rules.stored()) {
            stored.put(p.id(), p);
        }
        List<PackRow> rows = new ArrayList<>();
        for (PackInfo p : rules.rules().packInfo()) {
            StoredPack s = p.origin().startsWith(RulesInForce.ORIGIN) ? stored.get(p.id()) : null;
            String source = s != null ? "collector" : p.origin().startsWith("seeds/") ? "built-in" : "file";
            rows.add(new PackRow(p.id(), p.title(), p.version(), p.origin(), p.sha256(), source,
                    s == null ? null : s.addedBy(), s == null ? null : Instant.ofEpochMilli(s.addedAt()).toString()));
        }
        String version = rules.evaluator().rulesVersion();
        RejudgeState state = RejudgeState.read(db);
        long[] counts = db.read(c -> {
            try (var ps = c.prepareStatement("SELECT COUNT(*), SUM(CASE WHEN rules_version IS NULL OR rules_version <> ?"
                    + " THEN 1 ELSE 0 END) FROM hosts WHERE retired_at IS NULL")) {
                ps.setString(1, version);
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new long[]{rs.getLong(1), rs.getLong(2)};
                }
            }
        });
        boolean current = version.equals(state.target());
        String judgedAt = current && state.finishedAt() != null ? Instant.ofEpochMilli(state.finishedAt()).toString()
                : null;
        return new Overview(rows, version, state, current, counts[0], counts[1], judgedAt);
    }
}
