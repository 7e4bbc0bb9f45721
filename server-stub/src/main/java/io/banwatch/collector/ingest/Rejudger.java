package io.banwatch.collector.ingest;

import io.banwatch.collector.alerts.AlertFinding;
import io.banwatch.collector.alerts.AlertPayload;
import io.banwatch.collector.alerts.Alerting;
import io.banwatch.collector.alerts.StoredFindings;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Params;
import io.banwatch.model.Finding;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Verdict;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Judges a host again from its latest stored inventory, without a new report: what the fleet's
 * re-judging does when the rule packs in force change. A transition is written like a report's —
 * host history, the alert outbox through the same {@link Alerting} as ingest — with the reason
 * {@value #REASON} instead of a report id.
 *
 * <p>The judging itself ({@link #load}, then {@link Evaluator#judge}) happens outside any
 * transaction; {@link #write} then locks the host row and writes only when the host still has the
 * inventory that was judged and has not been judged with these rules meanwhile (a report that
 * came in during the run, judged with the new packs, is not done again).
 */
public final class Rejudger {
    public static final String REASON = "rules changed";

    private final Database db;
    private final HostJudgements judgements;
    private final Alerting alerts;

    public Rejudger(Database db, Alerting alerts) {
        this.db = db;
        this.judgements = new HostJudgements(db);
        this.alerts = alerts;
    }

    /** A host the re-judging must look at: its row, the inventory it was judged on, its rules. */
    public record Candidate(long pk, String inventoryHash, String rulesVersion) {
    }

    /** What happened to one host. */
    public enum Outcome {
        /** Judged again; its standing did not change. */
        JUDGED,
        /** Judged again, and its standing changed: history, and an alert when the policy says so. */
        TRANSITIONED,
        /** Already judged with these rules (a report came in meanwhile), retired, or its inventory changed. */
        CURRENT,
        /** No stored inventory to judge (raw reports not kept, or pruned): its next report will be judged. */
        NO_INVENTORY
    }

    /**
     * The next hosts after {@code afterPk}, in pk order, that are in service and not judged with
     * {@code rulesVersion}.
     */
    public List<Candidate> next(Connection c, long afterPk, String rulesVersion, int limit) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT pk, inventory_hash, rules_version FROM hosts WHERE pk > ?"
                + " AND retired_at IS NULL AND (rules_version IS NULL OR rules_version <> ?) ORDER BY pk LIMIT ?")) {
            ps.setLong(1, afterPk);
            ps.setString(2, rulesVersion);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        return out;
    }

    /** The stored full report that carries the candidate's inventory, if it is still kept. */
    public Optional<ScanReport> load(Candidate host) {
        return judgements.inventory(host.pk(), host.inventoryHash());
    }

    /**
     * Writes a new judgement of {@code host} inside the caller's transaction.
     *
     * @param full  the report whose inventory was judged ({@link #load})
     * @param j     its judgement with the packs in force
     * @param cause the re-judging run and pass: with the host id, the alert's idempotency key
     */
    public Outcome write(Connection c, Candidate host, ScanReport full, Evaluator.Judgement j, long now, String cause)
            throws SQLException {
        Locked prev = lock(c, host.pk());
        if (prev == null || prev.retired() || j.rules().equals(prev.rulesVersion())
                || !host.inventoryHash().equals(prev.inventoryHash())) {
            return Outcome.CURRENT;
        }
        ReportStore.replaceProducts(c, host.pk(), j.products());
        String findingsHash = ReportStore.findingsHash(j);
        // What a fixed host no longer has: read before the new findings replace them.
        boolean fixed = alerts.policy().fixes(prev.standing(), j.verdict());
        List<AlertFinding> fixedFindings = fixed ? StoredFindings.read(c, host.pk()) : List.of();
        if (!findingsHash.equals(prev.findingsHash())) {
            ReportStore.replaceFindings(c, host.pk(), j, now);
        }
        boolean installed = j.kasperskyInstalled();
        Long firstSeen = prev.kasperskyFirstSeen();
        Long removedAt = prev.kasperskyRemovedAt();
        if (installed && !prev.kasperskyInstalled()) {
            firstSeen = firstSeen == null ? now : firstSeen;
            removedAt = null;
            ReportStore.history(c, host.pk(), now, "kaspersky-appeared", null, null, null, REASON);
        } else if (!installed && prev.kasperskyInstalled()) {
            removedAt = now;
            ReportStore.history(c, host.pk(), now, "kaspersky-removed", null, null, null, REASON);
        }
        boolean transitioned = j.verdict() != prev.standing();
        if (transitioned) {
            ReportStore.history(c, host.pk(), now, "level", prev.level(), ReportStore.stored(j.verdict()), null, REASON);
            AlertPayload.HostRef ref = new AlertPayload.HostRef(host.pk(), full.host().id(), full.host().hostname(),
                    full.host().os().name() == null ? full.host().os().family() : full.host().os().name(), j.profile(),
                    j.verdict());
            if (alerts.policy().alerts(prev.standing(), j.verdict())) {
                alerts.outbox().add(c, alerts.payloads().levelChanged(ref, cause, prev.standing(), now,
                        j.findings().stream().map(AlertFinding::of).toList()));
            } else if (fixed) {
                alerts.outbox().add(c, alerts.payloads().fixed(ref, cause, prev.standing(), now, fixedFindings));
            }
        }
        LocalDate nextDeadline = j.findings().stream().map(Finding::deadline).filter(d -> d != null)
                .min(LocalDate::compareTo).orElse(null);
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET profile = ?, level = ?, kaspersky_installed = ?,"
                + " kaspersky_first_seen = ?, kaspersky_removed_at = ?, next_deadline = ?, finding_count = ?,"
                + " findings_hash = ?, judged_on = ?, rules_version = ? WHERE pk = ?")) {
            ps.setString(1, j.profile());
            Params.setString(ps, 2, ReportStore.stored(j.verdict()));
            ps.setInt(3, installed ? 1 : 0);
            Params.setLong(ps, 4, firstSeen);
            Params.setLong(ps, 5, removedAt);
            Params.setString(ps, 6, nextDeadline == null ? null : nextDeadline.toString());
            ps.setInt(7, j.findings().size());
            ps.setString(8, findingsHash);
            ps.setString(9, j.asOf().toString());
            ps.setString(10, j.rules());
            ps.setLong(11, host.pk());
            ps.executeUpdate();
        }
        return transitioned ? Outcome.TRANSITIONED : Outcome.JUDGED;
    }

    private record Locked(Verdict level, boolean kasperskyInstalled, String inventoryHash, Long kasperskyFirstSeen,
                          Long kasperskyRemovedAt, String findingsHash, String rulesVersion, boolean retired) {
        Verdict standing() {
            return level == null ? Verdict.CLEAN : level;
        }
    }

    private Locked lock(Connection c, long pk) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT level, kaspersky_installed, inventory_hash,"
                + " kaspersky_first_seen, kaspersky_removed_at, findings_hash, rules_version, retired_at FROM hosts"
                + " WHERE pk = ?" + db.dialect().forUpdate())) {
            ps.setLong(1, pk);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                String level = rs.getString(1);
                return new Locked(level == null ? null : Verdict.valueOf(level), rs.getInt(2) == 1, rs.getString(3),
                        Params.getLong(rs, 4), Params.getLong(rs, 5), rs.getString(6), rs.getString(7),
                        Params.getLong(rs, 8) != null);
            }
        }
    }
}
