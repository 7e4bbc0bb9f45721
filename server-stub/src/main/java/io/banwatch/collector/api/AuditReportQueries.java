package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Dialect;
import io.banwatch.collector.db.Params;
import io.banwatch.collector.http.ApiError;
import io.banwatch.model.Verdict;
import io.banwatch.rules.MilestoneInfo;
import io.banwatch.rules.PackInfo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The audit report's read model: the fleet under one profile (or all) as it stood at the end of an
 * as-of day (UTC), from what the collector keeps.
 *
 * <p>A host's standing, retirement and Kaspersky state on that day are read back from its history:
 * the first transition after the day says what held before it, and a host with none since still
 * holds its current state. That uses only history newer than the day, which retention keeps
 * longest. The findings and evidence listed are the host's current ones (the collector keeps no
 * older ones), each with the time it reached its level; a host whose standing changed since says
 * when. Totals are exact; each list stops at {@code maxListed} entries and says how many it left
 * out, so the report of a 100,000-host fleet stays a document one can print (the exports list
 * everything).
 */
public final class AuditReportQueries {
    /** The period retirements are listed for, when the request names no start. */
    public static final int DEFAULT_PERIOD_DAYS = 90;
    /**
     * The most entries a section lists. 2,000 hosts with a finding each make a PDF of some 620 pages
     * (1.6 MB, a few seconds; AuditReportLoadTest): a document one can still open, search and file.
     * The totals always count every host, and the exports list the rest.
     */
    public static final int DEFAULT_MAX_LISTED = 2000;
    /** The standings not shown compliant: INCOMPLETE and every more serious one, in the verdicts' order. */
    private static final List<String> NOT_COMPLIANT = Arrays.stream(Verdict.values())
            .filter(v -> v.atLeast(Verdict.INCOMPLETE)).map(Verdict::name).toList();
    private static final int CHUNK = 500;

    private final Database db;
    private final Clock clock;
    private final int staleDays;
    private final FindingRows findingRows;
    private final Supplier<List<PackInfo>> packsInForce;
    private final int maxListed;

    /**
     * @param packsInForce the packs the collector judges with now (asked at each report)
     * @param maxListed    the most hosts a section lists
     */
    public AuditReportQueries(Database db, Clock clock, int staleDays, List<MilestoneInfo> milestones,
                              Supplier<List<PackInfo>> packsInForce, int maxListed) {
        this.db = db;
        this.clock = clock;
        this.staleDays = staleDays;
        this.findingRows = new FindingRows(milestones);
        this.packsInForce = packsInForce;
        this.maxListed = maxListed;
    }

    /**
     * A report asked for.
     *
     * @param profile     a profile, or null for all
     * @param asOf        the day described
     * @param from        the first day of the retirements' period
     * @param generatedBy the name of the signed-in token
     */
    public record Request(String profile, LocalDate asOf, LocalDate from, String generatedBy) {
    }

    /**
     * Validates a request's parameters: {@code profile} (one of {@code profiles}, or empty or
     * {@code all}), {@code asOf} (an ISO date, not after today; today when empty) and {@code from}
     * (not after {@code asOf}; {@value #DEFAULT_PERIOD_DAYS} days up to it when empty).
     */
    public Request parse(String profile, String asOf, String from, Collection<String> profiles, String generatedBy) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String p = profile == null || profile.isBlank() || profile.strip().equalsIgnoreCase("all") ? null : profile.strip();
        if (p != null && !profiles.contains(p)) {
            throw ApiError.badRequest("invalid_profile", "profile must be all or one of " + String.join(", ", profiles)
                    + ", not '" + profile + "'");
        }
        LocalDate day = date(asOf, "asOf", today);
        if (day.isAfter(today)) {
            throw ApiError.badRequest("invalid_date", "asOf " + day + " is after today (" + today + ", UTC): a report"
                    + " describes what happened, not what will");
        }
        LocalDate start = date(from, "from", day.minusDays(DEFAULT_PERIOD_DAYS - 1L));
        if (start.isAfter(day)) {
            throw ApiError.badRequest("invalid_date", "from " + start + " is after asOf " + day);
        }
        return new Request(p, day, start, generatedBy);
    }

    private static LocalDate date(String text, String name, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("invalid_date", name + " must be a date like 2026-11-24, not '" + text + "'");
        }
    }

    /** A host as the day's standing shows it, before its findings are read. */
    private record Covered(long pk, String hostId, String hostname, String os, String profile, String level,
                           String levelNow, String changedAt, Long lastSeen, boolean stale) {
        int rank() {
            return Verdict.valueOf(level).ordinal();
        }
    }

    /** Reads the report and hands it to {@code sink}, section by section, in one consistent read. */
    public void write(Request req, AuditReport.Sink sink) {
        long now = clock.millis();
        long end = req.asOf().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long start = req.from().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        // Stale means silent for the stale period before the day's end, or before now on the day itself.
        long staleBefore = HostRows.staleBefore(Math.min(now, end), staleDays);
        db.read(c -> snapshot(c, () -> {
            Map<Long, String[]> levelChange = firstEventAfter(c, end, "event = 'level'", true);
            Map<Long, String[]> retireChange = firstEventAfter(c, end, "event IN ('retired', 'unretired')", false);
            Map<Long, String[]> kasperskyChange = firstEventAfter(c, end,
                    "event IN ('kaspersky-appeared', 'kaspersky-removed')", false);
            Map<Long, Long> lastSeenBefore = end > now ? Map.of() : lastReportBefore(c, end);

            Map<String, Long> byLevel = new LinkedHashMap<>();
            for (Verdict v : Verdict.values()) {
                byLevel.put(v.name(), 0L);
            }
            long hosts = 0;
            long installed = 0;
            long retired = 0;
            long staleCount = 0;
            List<Covered> notCompliant = new ArrayList<>();
            List<AuditReport.StaleHost> stale = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT pk, host_id, hostname, COALESCE(os_name, os_family),"
                    + " profile, " + HostRows.VERDICT + ", kaspersky_installed, last_seen, retired_at FROM hosts"
                    + " WHERE first_seen < ?" + (req.profile() == null ? "" : " AND profile = ?"))) {
                ps.setLong(1, end);
                if (req.profile() != null) {
                    ps.setString(2, req.profile());
                }
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long pk = rs.getLong(1);
                        String[] retire = retireChange.get(pk);
                        boolean wasRetired = retire != null ? retire[0].equals("unretired") : rs.getObject(9) != null;
                        if (wasRetired) {
                            retired++;
                            continue;
                        }
                        hosts++;
                        String levelNow = rs.getString(6);
                        String[] change = levelChange.get(pk);
                        String level = change == null ? levelNow : change[0] == null ? Verdict.CLEAN.name() : change[0];
                        byLevel.merge(level, 1L, Long::sum);
                        String[] k = kasperskyChange.get(pk);
                        if (k != null ? k[0].equals("kaspersky-removed") : rs.getInt(7) == 1) {
                            installed++;
                        }
                        long lastSeenNow = rs.getLong(8);
                        Long lastSeen = lastSeenNow < end ? Long.valueOf(lastSeenNow) : lastSeenBefore.get(pk);
                        boolean isStale = lastSeen != null && lastSeen < staleBefore;
                        Covered host = new Covered(pk, rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), level, levelNow, change == null ? null : change[1], lastSeen, isStale);
                        if (isStale) {
                            staleCount++;
                            stale.add(new AuditReport.StaleHost(host.hostId(), host.hostname(), host.profile(), level,
                                    Reads.time(lastSeen), (Math.min(now, end) - lastSeen) / Reads.DAY_MS));
                        }
                        if (NOT_COMPLIANT.contains(level)) {
                            notCompliant.add(host);
                        }
                    }
                }
            }
            Comparator<Covered> order = Comparator.comparingInt(Covered::rank)
                    .thenComparing(h -> h.hostname().toLowerCase(Locale.ROOT)).thenComparing(Covered::hostId);
            notCompliant.sort(order);
            stale.sort(Comparator.comparing(AuditReport.StaleHost::lastSeen).thenComparing(AuditReport.StaleHost::hostId));
            List<AuditReport.Retirement> retirements = retirements(c, req.profile(), start, end);

            AuditReport.Totals totals = new AuditReport.Totals(hosts, byLevel, notCompliant.size(), installed,
                    staleCount, retired, retirements.size());
            sink.header(new AuditReport.Header(req.profile(), req.asOf(), req.from(), Instant.ofEpochMilli(now).toString(),
                    req.generatedBy(), staleDays, packsInForce.get(), judgingPacks(c, req.profile()), totals,
                    maxListed));
            List<Covered> listed = notCompliant.subList(0, Math.min(maxListed, notCompliant.size()));
            for (int from = 0; from < listed.size(); from += CHUNK) {
                List<Covered> chunk = listed.subList(from, Math.min(listed.size(), from + CHUNK));
                Map<String, List<FindingRow>> findings = findings(c, chunk);
                for (Covered h : chunk) {
                    sink.host(new AuditReport.HostEntry(h.hostId(), h.hostname(), h.os(), h.profile(), h.level(),
                            h.levelNow(), h.changedAt(), Reads.time(h.lastSeen()), h.stale(),
                            findings.getOrDefault(h.hostId(), List.of())));
                }
            }
            sink.hostsEnd(notCompliant.size() - listed.size());
            sink.stale(stale.subList(0, Math.min(maxListed, stale.size())), Math.max(0, stale.size() - maxListed));
            sink.retirements(retirements.subList(0, Math.min(maxListed, retirements.size())),
                    Math.max(0, retirements.size() - maxListed));
            sink.end();
            return null;
        }));
    }

    /**
     * Each host's first event of a kind at or after {@code end}: {@code [what held before, at]}.
     * For level changes what held before is the event's from-level (null for CLEAN); for the
     * others it is the event's name, which says the opposite held before.
     */
    private static Map<Long, String[]> firstEventAfter(Connection c, long end, String kind, boolean fromLevel)
            throws SQLException {
        Map<Long, String[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT host_pk, event, from_level, at FROM host_history WHERE "
                + kind + " AND at >= ? ORDER BY host_pk, at, id")) {
            ps.setLong(1, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.putIfAbsent(rs.getLong(1), new String[]{fromLevel ? rs.getString(3) : rs.getString(2),
                            Reads.time(rs.getLong(4))});
                }
            }
        }
        return out;
    }

    /** Each host's last report received before {@code end}, of the reports retention kept. */
    private static Map<Long, Long> lastReportBefore(Connection c, long end) throws SQLException {
        Map<Long, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT host_pk, MAX(received_at) FROM reports"
                + " WHERE received_at < ? GROUP BY host_pk")) {
            ps.setLong(1, end);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getLong(2));
                }
            }
        }
        return out;
    }

    private Map<String, List<FindingRow>> findings(Connection c, List<Covered> hosts) throws SQLException {
        Map<String, List<FindingRow>> out = new HashMap<>();
        String marks = String.join(",", Collections.nCopies(hosts.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement(FindingRows.SELECT + " WHERE f.host_pk IN (" + marks + ")"
                + " ORDER BY " + FindingRows.ORDER + ", f.product, f.rule_id")) {
            for (int i = 0; i < hosts.size(); i++) {
                ps.setLong(i + 1, hosts.get(i).pk());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    FindingRow f = findingRows.read(rs);
                    out.computeIfAbsent(f.hostId(), k -> new ArrayList<>()).add(f);
                }
            }
        }
        return out;
    }

    private static List<AuditReport.JudgingPack> judgingPacks(Connection c, String profile) throws SQLException {
        List<AuditReport.JudgingPack> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT f.pack_id, f.pack_version, f.pack_sha256, COUNT(*)"
                + " FROM findings f JOIN hosts h ON h.pk = f.host_pk" + (profile == null ? "" : " WHERE h.profile = ?")
                + " GROUP BY f.pack_id, f.pack_version, f.pack_sha256 ORDER BY f.pack_id, f.pack_version")) {
            if (profile != null) {
                ps.setString(1, profile);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditReport.JudgingPack(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
                }
            }
        }
        return out;
    }

    /** The retirements the audit log records in the period, of hosts under the profile, oldest first. */
    private static List<AuditReport.Retirement> retirements(Connection c, String profile, long start, long end)
            throws SQLException {
        List<AuditReport.Retirement> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.subject, h.hostname, h.profile, a.at, a.actor_kind,"
                + " a.actor_name, a.actor_token_id, a.detail, h.retired_at FROM audit_log a JOIN hosts h ON h.host_id ="
                + " a.subject WHERE a.action = 'host.retire' AND a.at >= ? AND a.at < ?"
                + (profile == null ? "" : " AND h.profile = ?") + " ORDER BY a.at, a.id")) {
            ps.setLong(1, start);
            ps.setLong(2, end);
            if (profile != null) {
                ps.setString(3, profile);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long tokenId = Params.getLong(rs, 7);
                    String by = "token".equals(rs.getString(5)) ? rs.getString(6) + " (token " + tokenId + ")"
                            : rs.getString(5) + ": " + rs.getString(6);
                    out.add(new AuditReport.Retirement(rs.getString(1), rs.getString(2), rs.getString(3),
                            Reads.time(rs.getLong(4)), by, rs.getString(8), rs.getObject(9) != null));
                }
            }
        }
        return out;
    }

    /** Work that may throw SQLException. */
    private interface Work {
        Object run() throws SQLException;
    }

    /**
     * On PostgreSQL the whole report is read in one read-only REPEATABLE READ transaction, so its
     * totals and lists agree even while reports arrive. SQLite's connections start write transactions
     * (IMMEDIATE), which would hold off the ingest writer for the report's length: there each query
     * reads the committed state on its own.
     */
    private Object snapshot(Connection c, Work work) throws SQLException {
        if (db.dialect() != Dialect.POSTGRES) {
            return work.run();
        }
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
        try {
            return work.run();
        } finally {
            c.rollback();
            c.setReadOnly(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setAutoCommit(true);
        }
    }
}
