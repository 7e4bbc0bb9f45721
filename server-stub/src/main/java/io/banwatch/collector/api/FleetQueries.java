package io.banwatch.collector.api;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.model.Verdict;
import io.banwatch.rules.MilestoneInfo;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Params;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The read model behind the JSON API, the dashboard and the CSV exports: fleet summary, hosts,
 * one host, findings, and the count of hosts with Kaspersky over time.
 */
public final class FleetQueries {
    private static final long DAY_MS = 86_400_000L;
    /** A host's verdict: the hosts table keeps CLEAN as NULL. */
    private static final String HOST_VERDICT = "COALESCE(level, '" + Verdict.CLEAN.name() + "')";
    private static final String HOST_COLUMNS = "host_id, hostname, os_family, os_name, arch, profile, " + HOST_VERDICT
            + ", kaspersky_installed, kaspersky_first_seen, kaspersky_removed_at, next_deadline, first_seen, last_seen,"
            + " agent_version, software_count, finding_count, error_count";
    private static final String HOST_ORDER = Verdict.sqlRank(HOST_VERDICT) + ", hostname, host_id";
    /** Most serious first: level, then an installed product before a remnant. */
    private static final String FINDING_ORDER = Verdict.sqlRank("f.level")
            + ", CASE f.presence WHEN 'installed' THEN 0 ELSE 1 END";

    private final Database db;
    private final Clock clock;
    private final int staleDays;
    private final List<MilestoneInfo> milestones;
    private final Map<String, LocalDate> milestoneDates = new java.util.HashMap<>();
    private final ObjectMapper json = new ObjectMapper();

    public FleetQueries(Database db, Clock clock, int staleDays, List<MilestoneInfo> milestones) {
        this.db = db;
        this.clock = clock;
        this.staleDays = staleDays;
        this.milestones = List.copyOf(milestones);
        for (MilestoneInfo m : this.milestones) {
            milestoneDates.putIfAbsent(m.id(), m.date());
        }
    }

    // ---- view records ----

    /**
     * One host in a list.
     *
     * @param level the host's verdict: VIOLATION, DEADLINE, RISK, INCOMPLETE, INFO or CLEAN
     */
    public record HostRow(String hostId, String hostname, String osFamily, String osName, String arch, String profile,
                          String level, boolean kasperskyInstalled, String kasperskyFirstSeen,
                          String kasperskyRemovedAt, String nextDeadline, String firstSeen, String lastSeen,
                          String agentVersion, int softwareCount, int findingCount, int errorCount, boolean stale) {
    }

    public record Deadline(String id, LocalDate date, String title, String citation, String url, boolean passed,
                           long hosts) {
    }

    public record Summary(String generatedAt, long hosts, Map<String, Long> byLevel, Map<String, Long> byProfile,
                          long kasperskyInstalled, int staleDays, long stale, List<Deadline> deadlines) {
    }

    /**
     * One finding.
     *
     * @param kind          {@code product} (the banned vendor's) or {@code notice}
     * @param milestone     the milestone whose date {@code milestoneDate} is
     * @param milestoneDate the date shown with the milestone: the deadline of a DEADLINE, else since
     * @param since         since when the governing milestone applies (for a VIOLATION: prohibited
     *                      since); null for a DEADLINE
     * @param deadline      the date a DEADLINE counts down to, else null
     */
    public record FindingRow(String hostId, String hostname, String ruleId, String kind, String level, String profile,
                             String vendor, String product, String presence, String milestone, String milestoneDate,
                             String since, String deadline, Integer daysLeft, String message, String citationTitle,
                             String citationUrl, @JsonRawValue String evidence) {
    }

    /** A source the host's last scan could not read; {@code primary}: without it "nothing found" proves nothing. */
    public record ScanErrorRow(String source, String message, boolean primary) {
    }

    public record SoftwareRow(String name, String version, String publisher, String source, String arch,
                              String scope) {
    }

    public record ProductRow(String vendor, String product, String version, String kind, Boolean enabled,
                             Boolean upToDate, String signaturesUpdatedAt) {
    }

    public record HistoryRow(String at, String event, String fromLevel, String toLevel, String reportId) {
    }

    /**
     * @param scanErrors the sources the last judged scan could not read; a primary one makes the
     *                   scan incomplete
     */
    public record HostDetail(HostRow host, List<FindingRow> findings, List<ScanErrorRow> scanErrors,
                             List<ProductRow> securityProducts, List<SoftwareRow> software, List<HistoryRow> history) {
    }

    public record DayCount(LocalDate day, long hosts) {
    }

    // ---- queries ----

    public Summary summary() {
        long now = clock.millis();
        return db.read(c -> {
            Map<String, Long> byLevel = new LinkedHashMap<>();
            for (Verdict v : Verdict.values()) {
                byLevel.put(v.name(), 0L);
            }
            long total = 0;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + HOST_VERDICT + ", COUNT(*) FROM hosts GROUP BY "
                    + HOST_VERDICT); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byLevel.merge(rs.getString(1), rs.getLong(2), Long::sum);
                    total += rs.getLong(2);
                }
            }
            Map<String, Long> byProfile = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT profile, COUNT(*) FROM hosts GROUP BY profile ORDER BY profile");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byProfile.put(rs.getString(1), rs.getLong(2));
                }
            }
            long installed = count(c, "SELECT COUNT(*) FROM hosts WHERE kaspersky_installed = 1");
            long stale;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM hosts WHERE last_seen < ?")) {
                ps.setLong(1, now - staleDays * DAY_MS);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stale = rs.getLong(1);
                }
            }
            Map<String, Long> byMilestone = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT milestone, COUNT(DISTINCT host_pk) FROM findings WHERE milestone IS NOT NULL GROUP BY milestone");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byMilestone.put(rs.getString(1), rs.getLong(2));
                }
            }
            LocalDate today = LocalDate.ofInstant(Instant.ofEpochMilli(now), ZoneOffset.UTC);
            List<Deadline> deadlines = new ArrayList<>();
            for (MilestoneInfo m : milestones) {
                deadlines.add(new Deadline(m.id(), m.date(), m.title(), m.citationTitle(), m.citationUrl(),
                        !m.date().isAfter(today), byMilestone.getOrDefault(m.id(), 0L)));
            }
            return new Summary(Instant.ofEpochMilli(now).toString(), total, byLevel, byProfile, installed, staleDays,
                    stale, deadlines);
        });
    }

    public Page<HostRow> hosts(HostFilter filter, Page.Request page) {
        long now = clock.millis();
        return db.read(c -> {
            Where w = where(filter, now);
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM hosts" + w.sql())) {
                w.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<HostRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + HOST_COLUMNS + " FROM hosts" + w.sql()
                    + " ORDER BY " + HOST_ORDER + " LIMIT ? OFFSET ?")) {
                int i = w.bind(ps, 1);
                ps.setInt(i, page.size());
                ps.setInt(i + 1, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(hostRow(rs, now));
                    }
                }
            }
            return new Page<>(total, page.page(), page.size(), rows);
        });
    }

    /** Every host matching the filter, in list order, one at a time (for CSV export). */
    public void eachHost(HostFilter filter, Consumer<HostRow> sink) {
        long now = clock.millis();
        db.read(c -> {
            Where w = where(filter, now);
            try (PreparedStatement ps = c.prepareStatement("SELECT " + HOST_COLUMNS + " FROM hosts" + w.sql()
                    + " ORDER BY " + HOST_ORDER)) {
                w.bind(ps, 1);
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(hostRow(rs, now));
                    }
                }
            }
            return null;
        });
    }

    public Optional<HostDetail> host(String hostId) {
        long now = clock.millis();
        return db.read(c -> {
            long pk;
            HostRow row;
            String scanErrors;
            try (PreparedStatement ps = c.prepareStatement("SELECT pk, scan_errors, " + HOST_COLUMNS
                    + " FROM hosts WHERE host_id = ?")) {
                ps.setString(1, hostId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    pk = rs.getLong(1);
                    scanErrors = rs.getString(2);
                    row = hostRow(rs, 3, now);
                }
            }
            List<FindingRow> findings = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FINDING_SELECT + " WHERE f.host_pk = ? ORDER BY "
                    + FINDING_ORDER + ", f.product")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        findings.add(findingRow(rs));
                    }
                }
            }
            List<ProductRow> products = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT vendor, product, version, kind, enabled, up_to_date,"
                    + " signatures_updated_at FROM host_security_products WHERE host_pk = ? ORDER BY vendor, product")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        products.add(new ProductRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                Params.getBoolean(rs, 5), Params.getBoolean(rs, 6), time(Params.getLong(rs, 7))));
                    }
                }
            }
            List<SoftwareRow> software = software(c, pk);
            List<HistoryRow> history = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, event, from_level, to_level, report_id"
                    + " FROM host_history WHERE host_pk = ? ORDER BY at DESC, id DESC LIMIT 500")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        history.add(new HistoryRow(time(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5)));
                    }
                }
            }
            return Optional.of(new HostDetail(row, findings, scanErrors(scanErrors), products, software,
                    levelsNamed(history)));
        });
    }

    /** A host's software: its packed links resolved against the catalogue, sorted by name. */
    private static List<SoftwareRow> software(Connection c, long hostPk) throws SQLException {
        long[] pairs;
        try (PreparedStatement ps = c.prepareStatement("SELECT links FROM host_inventories WHERE host_pk = ?")) {
            ps.setLong(1, hostPk);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return List.of();
                }
                pairs = io.banwatch.collector.ingest.PackedLinks.decode(rs.getBytes(1));
            }
        }
        Map<Long, String> scopes = new java.util.HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM scopes"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                scopes.put(rs.getLong(1), rs.getString(2));
            }
        }
        Map<Long, SoftwareRow> rows = new java.util.HashMap<>();
        int n = pairs.length / 2;
        for (int from = 0; from < n; from += 500) {
            int to = Math.min(n, from + 500);
            String marks = String.join(",", java.util.Collections.nCopies(to - from, "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, version, publisher, source, arch FROM software"
                    + " WHERE id IN (" + marks + ")")) {
                for (int i = from; i < to; i++) {
                    ps.setLong(i - from + 1, pairs[2 * i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.put(rs.getLong(1), new SoftwareRow(rs.getString(2), emptyToNull(rs.getString(3)),
                                emptyToNull(rs.getString(4)), rs.getString(5), emptyToNull(rs.getString(6)), null));
                    }
                }
            }
        }
        List<SoftwareRow> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            SoftwareRow r = rows.get(pairs[2 * i]);
            if (r != null) {
                out.add(new SoftwareRow(r.name(), r.version(), r.publisher(), r.source(), r.arch(),
                        scopes.getOrDefault(pairs[2 * i + 1], "?")));
            }
        }
        out.sort(java.util.Comparator.comparing(SoftwareRow::name).thenComparing(r -> r.version() == null ? "" : r.version()));
        return out;
    }

    private static final String FINDING_SELECT = "SELECT h.host_id, h.hostname, f.rule_id, f.level, f.profile,"
            + " f.vendor, f.product, f.presence, f.milestone, f.deadline, f.days_left, f.message, f.citation_title,"
            + " f.citation_url, f.evidence, f.kind, f.since FROM findings f JOIN hosts h ON h.pk = f.host_pk";

    /**
     * The history with a verdict on every level change: the table keeps CLEAN as NULL, and NULL
     * also as the "from" of a host's first report, which had nothing before it (and stays null).
     */
    private static List<HistoryRow> levelsNamed(List<HistoryRow> history) {
        java.util.Set<String> firstReports = new java.util.HashSet<>();
        for (HistoryRow e : history) {
            if ("first-seen".equals(e.event())) {
                firstReports.add(e.reportId());
            }
        }
        List<HistoryRow> out = new ArrayList<>(history.size());
        for (HistoryRow e : history) {
            if (!"level".equals(e.event())) {
                out.add(e);
                continue;
            }
            String from = e.fromLevel() != null || firstReports.contains(e.reportId()) ? e.fromLevel() : Verdict.CLEAN.name();
            String to = e.toLevel() == null ? Verdict.CLEAN.name() : e.toLevel();
            out.add(new HistoryRow(e.at(), e.event(), from, to, e.reportId()));
        }
        return out;
    }

    private List<ScanErrorRow> scanErrors(String stored) {
        if (stored == null || stored.isBlank()) {
            return List.of();
        }
        List<ScanErrorRow> out = new ArrayList<>();
        try {
            for (JsonNode e : json.readTree(stored)) {
                out.add(new ScanErrorRow(e.path("source").asText(), e.path("message").asText(),
                        e.path("primary").asBoolean(false)));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("hosts.scan_errors is not JSON", e);
        }
        return out;
    }

    /** @param level a finding level's name, or null for all */
    public Page<FindingRow> findings(String level, Page.Request page) {
        return db.read(c -> {
            String where = level == null ? "" : " WHERE f.level = ?";
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM findings f" + where)) {
                if (level != null) {
                    ps.setString(1, level);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<FindingRow> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FINDING_SELECT + where + " ORDER BY "
                    + FINDING_ORDER + ", h.hostname, h.host_id, f.product LIMIT ? OFFSET ?")) {
                int i = 1;
                if (level != null) {
                    ps.setString(i++, level);
                }
                ps.setInt(i, page.size());
                ps.setInt(i + 1, page.offset());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(findingRow(rs));
                    }
                }
            }
            return new Page<>(total, page.page(), page.size(), rows);
        });
    }

    /** Every finding of the fleet, most serious first (for CSV export). */
    public void eachFinding(Consumer<FindingRow> sink) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(FINDING_SELECT + " ORDER BY "
                    + FINDING_ORDER + ", h.hostname, h.host_id, f.product")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sink.accept(findingRow(rs));
                    }
                }
            }
            return null;
        });
    }

    /**
     * Hosts with Kaspersky installed at the end of each of the last {@code days} days (UTC),
     * replayed backwards from today's count through the history of appearances and removals.
     * Backwards, so that retention may delete history older than the chart without changing it.
     */
    public List<DayCount> kasperskyOverTime(int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        long start = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return db.read(c -> {
            long count = count(c, "SELECT COUNT(*) FROM hosts WHERE kaspersky_installed = 1");
            long[] delta = new long[days];
            try (PreparedStatement ps = c.prepareStatement("SELECT at, event FROM host_history WHERE event IN"
                    + " ('kaspersky-appeared', 'kaspersky-removed') AND at >= ?")) {
                ps.setLong(1, start);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int day = (int) ((rs.getLong(1) - start) / DAY_MS);
                        int change = "kaspersky-appeared".equals(rs.getString(2)) ? 1 : -1;
                        if (day < days) {
                            delta[day] += change;
                        } else {
                            count -= change; // after today (a clock behind the database's): not yet
                        }
                    }
                }
            }
            DayCount[] out = new DayCount[days];
            for (int d = days - 1; d >= 0; d--) {
                out[d] = new DayCount(first.plusDays(d), count);
                count -= delta[d];
            }
            return List.of(out);
        });
    }

    public long hostCount() {
        return db.read(c -> count(c, "SELECT COUNT(*) FROM hosts"));
    }

    // ---- helpers ----

    private record Where(String sql, List<Object> params) {
        int bind(PreparedStatement ps, int from) throws SQLException {
            int i = from;
            for (Object p : params) {
                if (p instanceof Long l) {
                    ps.setLong(i++, l);
                } else {
                    ps.setString(i++, (String) p);
                }
            }
            return i;
        }
    }

    private Where where(HostFilter f, long now) {
        List<String> clauses = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (f.level() == Verdict.CLEAN) {
            clauses.add("level IS NULL");
        } else if (f.level() != null) {
            clauses.add("level = ?");
            params.add(f.level().name());
        }
        if (f.profile() != null) {
            clauses.add("profile = ?");
            params.add(f.profile());
        }
        if (f.search() != null) {
            String like = "%" + f.search().toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\")
                    .replace("%", "\\%").replace("_", "\\_") + "%";
            clauses.add("(LOWER(hostname) LIKE ? ESCAPE '\\' OR LOWER(host_id) LIKE ? ESCAPE '\\')");
            params.add(like);
            params.add(like);
        }
        if (f.stale()) {
            clauses.add("last_seen < ?");
            params.add(now - staleDays * DAY_MS);
        }
        if (f.kaspersky()) {
            clauses.add("kaspersky_installed = 1");
        }
        return new Where(clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses), params);
    }

    private HostRow hostRow(ResultSet rs, long now) throws SQLException {
        return hostRow(rs, 1, now);
    }

    private HostRow hostRow(ResultSet rs, int from, long now) throws SQLException {
        int i = from;
        String hostId = rs.getString(i++);
        String hostname = rs.getString(i++);
        String osFamily = rs.getString(i++);
        String osName = rs.getString(i++);
        String arch = rs.getString(i++);
        String profile = rs.getString(i++);
        String level = rs.getString(i++);
        boolean installed = rs.getInt(i++) == 1;
        Long firstKaspersky = Params.getLong(rs, i++);
        Long removed = Params.getLong(rs, i++);
        String nextDeadline = rs.getString(i++);
        long firstSeen = rs.getLong(i++);
        long lastSeen = rs.getLong(i++);
        String agentVersion = rs.getString(i++);
        int software = rs.getInt(i++);
        int findings = rs.getInt(i++);
        int errors = rs.getInt(i);
        return new HostRow(hostId, hostname, osFamily, osName, arch, profile, level, installed, time(firstKaspersky),
                time(removed), nextDeadline, time(firstSeen), time(lastSeen), agentVersion, software, findings, errors,
                lastSeen < now - staleDays * DAY_MS);
    }

    private FindingRow findingRow(ResultSet rs) throws SQLException {
        String milestone = rs.getString(9);
        String deadline = rs.getString(10);
        String since = rs.getString(17);
        if (since == null && deadline == null && milestone != null && milestoneDates.containsKey(milestone)) {
            // Stored before findings kept it: the governing milestone's date is when it applies since.
            since = milestoneDates.get(milestone).toString();
        }
        return new FindingRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(16), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), milestone,
                deadline != null ? deadline : since, since, deadline, Params.getInt(rs, 11), rs.getString(12),
                rs.getString(13), rs.getString(14), rs.getString(15));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String time(Long epochMs) {
        return epochMs == null ? null : Instant.ofEpochMilli(epochMs).toString();
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
