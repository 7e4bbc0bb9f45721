package io.banwatch.collector.api;

import io.banwatch.collector.db.Database;
import io.banwatch.model.Verdict;
import io.banwatch.rules.MilestoneInfo;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The fleet as a whole: hosts by level and profile, the milestones, and hosts with Kaspersky over time. */
public final class SummaryQueries {
    private final Database db;
    private final Clock clock;
    private final int staleDays;
    private final List<MilestoneInfo> milestones;

    public SummaryQueries(Database db, Clock clock, int staleDays, List<MilestoneInfo> milestones) {
        this.db = db;
        this.clock = clock;
        this.staleDays = staleDays;
        this.milestones = List.copyOf(milestones);
    }

    public record Deadline(String id, LocalDate date, String title, String citation, String url, boolean passed,
                           long hosts) {
    }

    /**
     * The fleet in service: retired hosts are left out of every count, and counted on their own.
     *
     * @param retired how many hosts are retired
     */
    public record Summary(String generatedAt, long hosts, Map<String, Long> byLevel, Map<String, Long> byProfile,
                          long kasperskyInstalled, int staleDays, long stale, List<Deadline> deadlines, long retired) {
    }

    /** Hosts in service. */
    private static final String ACTIVE = "retired_at IS NULL";

    public record DayCount(LocalDate day, long hosts) {
    }

    public Summary summary() {
        long now = clock.millis();
        return db.read(c -> {
            Map<String, Long> byLevel = new LinkedHashMap<>();
            for (Verdict v : Verdict.values()) {
                byLevel.put(v.name(), 0L);
            }
            Map<String, Long> byProfile = new LinkedHashMap<>();
            long total = 0;
            long installed = 0;
            // One pass over the covering index hosts_summary (V17) gives the counts by level, by
            // profile and with Kaspersky; five separate scans of the wide hosts rows were most of a
            // summary's time at 100k hosts. ORDER BY profile keeps the database's order of profiles.
            try (PreparedStatement ps = c.prepareStatement("SELECT level, profile, kaspersky_installed, COUNT(*)"
                    + " FROM hosts WHERE " + ACTIVE + " GROUP BY level, profile, kaspersky_installed ORDER BY profile");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String level = rs.getString(1);
                    long n = rs.getLong(4);
                    byLevel.merge(level == null ? Verdict.CLEAN.name() : level, n, Long::sum);
                    byProfile.merge(rs.getString(2), n, Long::sum);
                    if (rs.getInt(3) == 1) {
                        installed += n;
                    }
                    total += n;
                }
            }
            // Both through their own indexes (hosts_retired, hosts_last_seen): few rows in a healthy fleet.
            long retired = Reads.count(c, "SELECT COUNT(*) FROM hosts WHERE retired_at IS NOT NULL");
            long stale;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM hosts WHERE last_seen < ? AND "
                    + ACTIVE)) {
                ps.setLong(1, HostRows.staleBefore(now, staleDays));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    stale = rs.getLong(1);
                }
            }
            Map<String, Long> byMilestone = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT f.milestone, COUNT(DISTINCT f.host_pk) FROM findings f JOIN hosts h ON h.pk = f.host_pk"
                            + " WHERE f.milestone IS NOT NULL AND h." + ACTIVE + " GROUP BY f.milestone");
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
                    stale, deadlines, retired);
        });
    }

    /**
     * Hosts with Kaspersky installed at the end of each of the last {@code days} days (UTC),
     * replayed backwards from today's count through the history of appearances and removals.
     * Backwards, so that retention may delete history older than the chart without changing it.
     * Hosts retired now are left out of every day: the chart is the history of the fleet in service.
     */
    public List<DayCount> kasperskyOverTime(int days) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        LocalDate first = today.minusDays(days - 1L);
        long start = first.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        return db.read(c -> {
            long count = Reads.count(c, "SELECT COUNT(*) FROM hosts WHERE kaspersky_installed = 1 AND " + ACTIVE);
            long[] delta = new long[days];
            try (PreparedStatement ps = c.prepareStatement("SELECT e.at, e.event FROM host_history e JOIN hosts h"
                    + " ON h.pk = e.host_pk WHERE e.event IN ('kaspersky-appeared', 'kaspersky-removed') AND e.at >= ?"
                    + " AND h." + ACTIVE)) {
                ps.setLong(1, start);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int day = (int) ((rs.getLong(1) - start) / Reads.DAY_MS);
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
        return db.read(c -> Reads.count(c, "SELECT COUNT(*) FROM hosts"));
    }
}
