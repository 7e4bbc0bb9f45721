package io.banwatch.collector.ingest;

import io.banwatch.json.EvidenceJson;
import io.banwatch.model.Evidence;
import io.banwatch.model.Finding;
import io.banwatch.model.Host;
import io.banwatch.model.ScanReport;
import io.banwatch.model.SecurityProduct;
import io.banwatch.model.Verdict;
import io.banwatch.rules.PackInfo;
import io.banwatch.collector.alerts.AlertFinding;
import io.banwatch.collector.alerts.AlertPayload;
import io.banwatch.collector.alerts.Alerting;
import io.banwatch.collector.alerts.StoredFindings;
import io.banwatch.collector.db.Dialect;
import io.banwatch.collector.db.Params;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Writes one judged report inside the caller's transaction: the report row (its id is the
 * idempotency key), the host's current state, the software links when the inventory changed,
 * the findings, the history of transitions and the alert outbox.
 *
 * <p>An unchanged inventory (same hash) touches only the report row and the host row, plus the
 * findings when they changed (the days left change once a day).
 *
 * <p>A reportId already stored is a retry when it is the same scan: same host, same
 * {@code scannedAt}, same {@code inventoryHash}. Those three, not the request body, because one
 * scan reaches the collector in several forms — gzip or not, slim (inventory left out) or full
 * after a 409 — and they are already columns of the report row, so the check is a primary-key
 * read. The same id with anything else is a conflict, and nothing of it is written.
 */
final class ReportStore {

    private final Dialect dialect;
    private final SoftwareIds softwareIds;
    private final ScopeIds scopeIds;
    private final Alerting alerts;
    private final boolean storeRaw;

    ReportStore(Dialect dialect, SoftwareIds softwareIds, ScopeIds scopeIds, Alerting alerts, boolean storeRaw) {
        this.dialect = dialect;
        this.softwareIds = softwareIds;
        this.scopeIds = scopeIds;
        this.alerts = alerts;
        this.storeRaw = storeRaw;
    }

    /**
     * The host row as it was before this report.
     *
     * @param level the stored level: null for a clean host, and for one this report creates
     */
    private record Previous(long pk, boolean isNew, Verdict level, boolean kasperskyInstalled, String inventoryHash,
                            long lastScannedAt, Long kasperskyFirstSeen, Long kasperskyRemovedAt, String findingsHash) {
        /** The standing this report is compared with: a new host starts clean. */
        Verdict standing() {
            return level == null ? Verdict.CLEAN : level;
        }

        /** What a transition is "from": nothing for a new host. */
        Verdict from() {
            return isNew ? null : standing();
        }
    }

    StoreOutcome store(Connection c, IncomingReport in, Learnt learnt) throws SQLException {
        StoreOutcome earlier = earlierCopy(c, in.report());
        if (earlier != null) {
            return earlier;
        }
        if (in.judgement() == null) {
            return touch(c, in);
        }
        ScanReport r = in.report();
        Previous prev = lockHost(c, r.host(), in);
        boolean inventoryChanged = !r.inventoryHash().equals(prev.inventoryHash());
        if (!insertReport(c, in, prev.pk(), inventoryChanged)) {
            return concurrentCopy(c, r);
        }
        if (prev.isNew()) {
            history(c, prev.pk(), in.receivedAt(), "first-seen", null, null, r.reportId());
        }
        RetiredHosts.returnIfRetired(c, prev.pk(), in);
        if (r.scannedAt().toEpochMilli() < prev.lastScannedAt()) {
            return StoreOutcome.STORED_OLDER;
        }
        Evaluator.Judgement j = in.judgement();
        if (inventoryChanged) {
            replaceSoftware(c, prev.pk(), in, learnt);
            replaceProducts(c, prev.pk(), j.products());
        }
        String findingsHash = findingsHash(j);
        // What a fixed host no longer has: read before this report's findings replace them.
        boolean fixed = alerts.policy().fixes(prev.from(), j.verdict());
        List<AlertFinding> fixedFindings = fixed ? StoredFindings.read(c, prev.pk()) : List.of();
        if (!findingsHash.equals(prev.findingsHash())) {
            replaceFindings(c, prev.pk(), j, in.receivedAt());
        }
        // Only the banned vendor's own products count: a notice (UltraAV, "unprotected"), a requirement
        // or an organisation's own pack (AnyDesk) is not Kaspersky.
        boolean installed = j.kasperskyInstalled();
        Long firstSeen = prev.kasperskyFirstSeen();
        Long removedAt = prev.kasperskyRemovedAt();
        if (installed && !prev.kasperskyInstalled()) {
            firstSeen = firstSeen == null ? in.receivedAt() : firstSeen;
            removedAt = null;
            history(c, prev.pk(), in.receivedAt(), "kaspersky-appeared", null, null, r.reportId());
        } else if (!installed && prev.kasperskyInstalled()) {
            removedAt = in.receivedAt();
            history(c, prev.pk(), in.receivedAt(), "kaspersky-removed", null, null, r.reportId());
        }
        if (j.verdict() != prev.standing()) {
            history(c, prev.pk(), in.receivedAt(), "level", prev.level(), stored(j.verdict()), r.reportId());
            if (alerts.policy().alerts(prev.from(), j.verdict())) {
                alerts.outbox().add(c, alerts.payloads().levelChanged(hostRef(prev.pk(), in), r.reportId(), prev.from(),
                        in.receivedAt(), j.findings().stream().map(AlertFinding::of).toList()));
            } else if (fixed) {
                alerts.outbox().add(c, alerts.payloads().fixed(hostRef(prev.pk(), in), r.reportId(), prev.from(),
                        in.receivedAt(), fixedFindings));
            }
        }
        updateHost(c, prev.pk(), in, installed, firstSeen, removedAt, findingsHash);
        return StoreOutcome.STORED;
    }

    /**
     * Records a report whose host's judgement still holds: the report row (its id stays the
     * idempotency key) and the host's last-seen fields, and nothing else.
     */
    private StoreOutcome touch(Connection c, IncomingReport in) throws SQLException {
        ScanReport r = in.report();
        long pk;
        try (PreparedStatement ps = c.prepareStatement("SELECT pk FROM hosts WHERE host_id = ?")) {
            ps.setString(1, r.host().id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("unchanged report for a host never stored: " + r.host().id());
                }
                pk = rs.getLong(1);
            }
        }
        if (!insertReport(c, in, pk, false)) {
            return concurrentCopy(c, r);
        }
        RetiredHosts.returnIfRetired(c, pk, in);
        try (PreparedStatement ps = c.prepareStatement("UPDATE hosts SET last_seen = ?, last_scanned_at = ?,"
                + " last_report_id = ?, agent_version = ? WHERE pk = ? AND last_scanned_at <= ?")) {
            ps.setLong(1, in.receivedAt());
            ps.setLong(2, r.scannedAt().toEpochMilli());
            ps.setString(3, r.reportId());
            Params.setString(ps, 4, Params.cut(r.agentVersion(), 64));
            ps.setLong(5, pk);
            ps.setLong(6, r.scannedAt().toEpochMilli());
            return ps.executeUpdate() == 1 ? StoreOutcome.STORED : StoreOutcome.STORED_OLDER;
        }
    }

    /** The stored report with this id, compared with {@code r}: DUPLICATE, CONFLICT, or null when there is none. */
    private static StoreOutcome earlierCopy(Connection c, ScanReport r) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT h.host_id, r.scanned_at, r.inventory_hash FROM reports r"
                + " LEFT JOIN hosts h ON h.pk = r.host_pk WHERE r.report_id = ?")) {
            ps.setString(1, r.reportId());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                boolean sameScan = r.host().id().equals(rs.getString(1)) && rs.getLong(2) == r.scannedAt().toEpochMilli()
                        && rs.getString(3).equals(r.inventoryHash());
                return sameScan ? StoreOutcome.DUPLICATE : StoreOutcome.CONFLICT;
            }
        }
    }

    /**
     * The report's id was free when this transaction looked, and taken when it inserted: another
     * collector committed it in between (PostgreSQL; SQLite has one writer). The same scan from the
     * same host is the retry race, a duplicate; this transaction has written nothing for it, since
     * the host row it locked already existed. Anything else may have created a host row of its own,
     * so the transaction is failed as a serialization failure, run again, and then finds the id.
     */
    private static StoreOutcome concurrentCopy(Connection c, ScanReport r) throws SQLException {
        StoreOutcome outcome = earlierCopy(c, r);
        if (outcome == StoreOutcome.DUPLICATE) {
            return outcome;
        }
        throw new SQLException("report " + r.reportId() + " was stored by another transaction meanwhile", "40001");
    }

    /** A verdict as the hosts, reports and history tables keep it: null for CLEAN, as before INCOMPLETE existed. */
    static String stored(Verdict v) {
        return v == null || v == Verdict.CLEAN ? null : v.name();
    }

    /**
     * Creates the host row if needed and locks it for the rest of the transaction. Under
     * PostgreSQL's READ COMMITTED, with another collector writing the same host: its uncommitted
     * insert makes ours wait, then do nothing (so exactly one writes "first-seen"); its lock makes
     * our SELECT ... FOR UPDATE wait, then return the row as it committed it. Everything after
     * this — the report's unique key included — is therefore decided one report at a time per host.
     */
    private Previous lockHost(Connection c, Host host, IncomingReport in) throws SQLException {
        boolean isNew;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO hosts (host_id, hostname, os_family, profile, first_seen, last_seen, last_scanned_at,"
                        + " last_report_id, inventory_hash, software_count, finding_count)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 0, '', '', 0, 0) ON CONFLICT (host_id) DO NOTHING")) {
            ps.setString(1, host.id());
            ps.setString(2, Params.cut(host.hostname(), 255));
            ps.setString(3, Params.cut(host.os().family(), 16));
            ps.setString(4, in.judgement().profile());
            ps.setLong(5, in.receivedAt());
            ps.setLong(6, in.receivedAt());
            isNew = ps.executeUpdate() == 1;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT pk, level, kaspersky_installed, inventory_hash, last_scanned_at, kaspersky_first_seen,"
                        + " kaspersky_removed_at, findings_hash FROM hosts WHERE host_id = ?" + dialect.forUpdate())) {
            ps.setString(1, host.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("host row missing after upsert: " + host.id());
                }
                String level = rs.getString(2);
                return new Previous(rs.getLong(1), isNew, level == null ? null : Verdict.valueOf(level),
                        rs.getInt(3) == 1, rs.getString(4), rs.getLong(5), Params.getLong(rs, 6), Params.getLong(rs, 7),
                        rs.getString(8));
            }
        }
    }

    private boolean insertReport(Connection c, IncomingReport in, long hostPk, boolean inventoryChanged)
            throws SQLException {
        ScanReport r = in.report();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO reports (report_id, host_pk, received_at, scanned_at, inventory_hash, level, raw)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (report_id) DO NOTHING")) {
            ps.setString(1, r.reportId());
            ps.setLong(2, hostPk);
            ps.setLong(3, in.receivedAt());
            ps.setLong(4, r.scannedAt().toEpochMilli());
            ps.setString(5, r.inventoryHash());
            Params.setString(ps, 6, in.judgement() == null ? null : stored(in.judgement().verdict()));
            // The inventory of an unchanged report is already kept with an earlier one.
            if (storeRaw && inventoryChanged && in.raw() != null) {
                ps.setBytes(7, in.raw());
            } else {
                ps.setNull(7, Types.BINARY);
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** Caches what a committed transaction learnt. */
    void remember(Learnt committed) {
        softwareIds.remember(committed.software());
        scopeIds.remember(committed.scopes());
    }

    /** Rewrites the host's packed links to the software catalogue: one row, whatever the count. */
    private void replaceSoftware(Connection c, long hostPk, IncomingReport in, Learnt learnt) throws SQLException {
        LinkPlan plan = in.links() != null ? in.links() : LinkPlan.of(in.report().software(), softwareIds, scopeIds);
        LinkPlan.Packed links = plan.resolve(c, softwareIds, scopeIds, learnt);
        // Bumping gen is all the software index costs ingest: the indexer (package software) finds the
        // row through the partial index on indexed_gen <> gen and does the per-package work later.
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_inventories (host_pk, software_count, links,"
                + " changed_at) VALUES (?, ?, ?, ?) ON CONFLICT (host_pk) DO UPDATE SET software_count ="
                + " excluded.software_count, links = excluded.links, changed_at = excluded.changed_at,"
                + " gen = host_inventories.gen + 1")) {
            ps.setLong(1, hostPk);
            ps.setInt(2, links.count());
            ps.setBytes(3, links.bytes());
            ps.setLong(4, in.receivedAt());
            ps.executeUpdate();
        }
    }

    static void replaceProducts(Connection c, long hostPk, List<SecurityProduct> products) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM host_security_products WHERE host_pk = ?")) {
            del.setLong(1, hostPk);
            del.executeUpdate();
        }
        if (products.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO host_security_products (host_pk, vendor, product, version, kind, enabled, up_to_date,"
                        + " signatures_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (SecurityProduct p : products) {
                ins.setLong(1, hostPk);
                ins.setString(2, Params.cut(p.vendor(), 200));
                ins.setString(3, Params.cut(p.product(), 300));
                Params.setString(ins, 4, Params.cut(p.version(), 100));
                ins.setString(5, Params.cut(p.kind(), 32));
                Params.setBoolean(ins, 6, p.active() ? Boolean.TRUE : p.enabled());
                Params.setBoolean(ins, 7, p.upToDate());
                Params.setLong(ins, 8, p.signaturesUpdatedAt() == null ? null : p.signaturesUpdatedAt().toEpochMilli());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    /**
     * Writes the host's findings anew. Each keeps the time its rule first reached its current level
     * on this host (the rows before give it), or starts it now: a new finding, or a changed level.
     */
    static void replaceFindings(Connection c, long hostPk, Evaluator.Judgement j, long now)
            throws SQLException {
        List<Finding> findings = j.findings();
        Map<String, LevelSince> before = LevelSince.of(c, hostPk);
        try (PreparedStatement del = c.prepareStatement("DELETE FROM findings WHERE host_pk = ?")) {
            del.setLong(1, hostPk);
            del.executeUpdate();
        }
        if (findings.isEmpty()) {
            return;
        }
        try (PreparedStatement ins = c.prepareStatement(
                "INSERT INTO findings (host_pk, rule_id, level, profile, vendor, product, presence, milestone, deadline,"
                        + " days_left, message, citation_title, citation_url, evidence, kind, since, level_since, pack_id,"
                        + " pack_version, pack_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Finding f : findings) {
                ins.setLong(1, hostPk);
                ins.setString(2, Params.cut(f.ruleId(), 200));
                ins.setString(3, f.level().name());
                ins.setString(4, f.profile());
                ins.setString(5, Params.cut(f.vendor(), 200));
                ins.setString(6, Params.cut(f.product(), 300));
                ins.setString(7, f.presence().jsonName());
                Params.setString(ins, 8, f.milestone());
                Params.setString(ins, 9, f.deadline() == null ? null : f.deadline().toString());
                Params.setInt(ins, 10, f.daysLeft());
                ins.setString(11, f.message());
                Params.setString(ins, 12, f.citation() == null ? null : f.citation().title());
                Params.setString(ins, 13, f.citation() == null ? null : f.citation().url());
                ins.setString(14, evidenceJson(f.evidence()));
                ins.setString(15, f.kind().jsonName());
                Params.setString(ins, 16, f.since() == null ? null : f.since().toString());
                LevelSince was = before.get(Params.cut(f.ruleId(), 200));
                ins.setLong(17, was != null && was.level().equals(f.level().name()) && was.since() != null
                        ? was.since() : now);
                PackInfo pack = j.packOf(f);
                Params.setString(ins, 18, pack == null ? null : Params.cut(pack.id(), 100));
                Params.setString(ins, 19, pack == null ? null : Params.cut(pack.version(), 100));
                Params.setString(ins, 20, pack == null ? null : pack.sha256());
                ins.addBatch();
            }
            ins.executeBatch();
        }
    }

    private static void history(Connection c, long hostPk, long at, String event, Verdict from, String to,
                                String reportId) throws SQLException {
        history(c, hostPk, at, event, from, to, reportId, null);
    }

    /** @param reason why, when no report caused it (a re-judging: "rules changed"), else null */
    static void history(Connection c, long hostPk, long at, String event, Verdict from, String to,
                        String reportId, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO host_history (host_pk, at, event, from_level, to_level,"
                + " report_id, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, hostPk);
            ps.setLong(2, at);
            ps.setString(3, event);
            Params.setString(ps, 4, stored(from));
            Params.setString(ps, 5, to);
            Params.setString(ps, 6, reportId);
            Params.setString(ps, 7, reason);
            ps.executeUpdate();
        }
    }

    private static AlertPayload.HostRef hostRef(long pk, IncomingReport in) {
        Host h = in.report().host();
        return new AlertPayload.HostRef(pk, h.id(), h.hostname(), h.os().name() == null ? h.os().family() : h.os().name(),
                in.judgement().profile(), in.judgement().verdict());
    }

    private static void updateHost(Connection c, long pk, IncomingReport in, boolean installed, Long firstSeen,
                                   Long removedAt, String findingsHash) throws SQLException {
        ScanReport r = in.report();
        Host h = r.host();
        Evaluator.Judgement j = in.judgement();
        LocalDate nextDeadline = j.findings().stream().map(Finding::deadline).filter(d -> d != null)
                .min(LocalDate::compareTo).orElse(null);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE hosts SET hostname = ?, os_family = ?, os_name = ?, os_version = ?, os_build = ?, arch = ?,"
                        + " domain = ?, agent_version = ?, agent_profile = ?, profile = ?, level = ?,"
                        + " kaspersky_installed = ?, kaspersky_first_seen = ?, kaspersky_removed_at = ?,"
                        + " next_deadline = ?, last_seen = ?, last_scanned_at = ?, last_report_id = ?, inventory_hash = ?,"
                        + " software_count = ?, finding_count = ?, findings_hash = ?, error_count = ?, judged_on = ?,"
                        + " rules_version = ?, scan_errors = ? WHERE pk = ?")) {
            ps.setString(1, Params.cut(h.hostname(), 255));
            ps.setString(2, Params.cut(h.os().family(), 16));
            Params.setString(ps, 3, Params.cut(h.os().name(), 255));
            Params.setString(ps, 4, Params.cut(h.os().version(), 64));
            Params.setString(ps, 5, Params.cut(h.os().build(), 128));
            Params.setString(ps, 6, Params.cut(h.arch(), 32));
            Params.setString(ps, 7, Params.cut(h.domain(), 255));
            Params.setString(ps, 8, Params.cut(r.agentVersion(), 64));
            Params.setString(ps, 9, Params.cut(r.profile(), 64));
            ps.setString(10, j.profile());
            Params.setString(ps, 11, stored(j.verdict()));
            ps.setInt(12, installed ? 1 : 0);
            Params.setLong(ps, 13, firstSeen);
            Params.setLong(ps, 14, removedAt);
            Params.setString(ps, 15, nextDeadline == null ? null : nextDeadline.toString());
            ps.setLong(16, in.receivedAt());
            ps.setLong(17, r.scannedAt().toEpochMilli());
            ps.setString(18, r.reportId());
            ps.setString(19, r.inventoryHash());
            ps.setInt(20, r.software().size());
            ps.setInt(21, j.findings().size());
            ps.setString(22, findingsHash);
            ps.setInt(23, r.errors().size());
            ps.setString(24, j.asOf().toString());
            ps.setString(25, Params.cut(j.rules(), 200));
            ps.setString(26, ScanErrorsJson.of(j.errors()));
            ps.setLong(27, pk);
            ps.executeUpdate();
        }
    }

    /** A fingerprint of what the findings table would hold, to skip rewriting identical rows. */
    static String findingsHash(Evaluator.Judgement j) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (Finding f : j.findings()) {
                // The pack that judged it is part of the finding's record: a new pack version rewrites it.
                PackInfo pack = j.packOf(f);
                md.update((pack == null ? "-" : pack.sha256()).getBytes(StandardCharsets.UTF_8));
                md.update((f.ruleId() + '|' + f.kind() + '|' + f.level() + '|' + f.profile() + '|' + f.presence() + '|'
                        + f.milestone() + '|' + f.since() + '|' + f.deadline() + '|' + f.daysLeft() + '|' + f.message()
                        + '|' + evidenceJson(f.evidence()) + '\n').getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String evidenceJson(List<Evidence> evidence) {
        return EvidenceJson.toJson(evidence);
    }
}
