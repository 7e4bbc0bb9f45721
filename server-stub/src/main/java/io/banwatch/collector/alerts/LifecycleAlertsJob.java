package io.banwatch.collector.alerts;

import io.banwatch.collector.db.Database;
import io.banwatch.collector.jobs.PeriodicJob;
import io.banwatch.model.FindingKind;
import io.banwatch.model.Level;
import io.banwatch.model.Presence;
import io.banwatch.model.Verdict;
import io.banwatch.rules.MilestoneInfo;
import io.banwatch.rules.RuleSet;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Produces the alerts no report causes: a host that stopped reporting, a milestone ahead that
 * will make a host VIOLATION, the daily digest. It runs as a {@link PeriodicJob}, so one collector
 * of those sharing the database runs it at a time; and each alert's key names its period (the
 * host's last report, the milestone and the days before it, the day), so a run repeated by another
 * collector after a lease ran out, or after a crash, finds the alert in the outbox and adds
 * nothing. Retired hosts get none of these alerts, nor count in the digest.
 */
public final class LifecycleAlertsJob implements PeriodicJob {
    private static final long DAY_MS = Duration.ofDays(1).toMillis();
    /** Hosts alerted per kind and run at most; the rest wait for the next run (a quarter of an hour). */
    static final int MAX_PER_RUN = 1000;
    private static final int DIGEST_CHANGES = 50;
    /**
     * How far back an alert's period may lie: the shortest history retention (retention.history-days
     * is at least 90), so an alert is never made again after retention deleted it.
     */
    public static final int LOOK_BACK_DAYS = 90;
    private static final String HOST_COLUMNS = "h.pk, h.host_id, h.hostname, COALESCE(h.os_name, h.os_family),"
            + " h.profile, h.level";

    /**
     * @param staleDays    a host silent this long is stale ({@code hosts.stale-days})
     * @param deadlineDays days before a VIOLATION milestone to alert at, ascending; empty for none
     * @param digestHour   the UTC hour from which the day's digest goes out, or -1 for no digest
     */
    public record Settings(boolean onStale, int staleDays, List<Integer> deadlineDays, int digestHour) {
        public Settings {
            deadlineDays = deadlineDays.stream().sorted().toList();
        }
    }

    private final Database db;
    private final AlertPayload payloads;
    private final AlertOutbox outbox;
    private final RuleSet rules;
    private final Settings settings;
    private final Runnable produced;

    /** @param produced called after a run that put alerts in the outbox (wakes the dispatchers) */
    public LifecycleAlertsJob(Database db, AlertPayload payloads, AlertOutbox outbox, RuleSet rules, Settings settings,
                              Runnable produced) {
        this.db = db;
        this.payloads = payloads;
        this.outbox = outbox;
        this.rules = rules;
        this.settings = settings;
        this.produced = produced;
    }

    @Override
    public String name() {
        return "lifecycle-alerts";
    }

    @Override
    public Duration every() {
        return Duration.ofMinutes(15);
    }

    @Override
    public Duration maxRun() {
        return Duration.ofMinutes(10);
    }

    @Override
    public String run(long now) {
        int stale = settings.onStale() ? stale(now) : 0;
        int deadline = settings.deadlineDays().isEmpty() ? 0 : deadlines(now);
        int digest = settings.digestHour() >= 0 ? digest(now) : 0;
        if (stale + deadline + digest > 0) {
            produced.run();
        }
        return "alerts: " + stale + " stale, " + deadline + " deadline approaching, " + digest + " digest";
    }

    private static AlertPayload.HostRef hostRef(ResultSet rs) throws SQLException {
        String level = rs.getString(6);
        return new AlertPayload.HostRef(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), level == null ? Verdict.CLEAN : Verdict.valueOf(level));
    }

    /**
     * Hosts silent for the stale period, once per silence (keyed by their last report). Only
     * silences that began within {@link #LOOK_BACK_DAYS}: retention may have deleted the alert of an
     * older one, which must not be sent again, and an upgrade must not alert on hosts gone for years.
     */
    private int stale(long now) {
        record Silent(AlertPayload.HostRef host, long lastSeen, String lastReport) {
        }
        List<Silent> silent = db.transaction(c -> {
            List<Silent> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + HOST_COLUMNS + ", h.last_seen, h.last_report_id"
                    + " FROM hosts h WHERE h.retired_at IS NULL AND h.last_seen < ? AND h.last_seen >= ? AND NOT EXISTS (SELECT 1 FROM alerts a"
                    + " WHERE a.alert_key = h.host_id || ':stale:' || h.last_report_id) ORDER BY h.pk LIMIT " + MAX_PER_RUN)) {
                ps.setLong(1, now - settings.staleDays() * DAY_MS);
                ps.setLong(2, now - (settings.staleDays() + LOOK_BACK_DAYS) * DAY_MS);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Silent(hostRef(rs), rs.getLong(7), rs.getString(8)));
                    }
                }
            }
            return out;
        });
        int alerted = 0;
        for (Silent s : silent) {
            alerted += db.retryingTransaction(c -> outbox.add(c, payloads.stale(s.host(), s.lastReport(), s.lastSeen(),
                    settings.staleDays(), now, StoredFindings.read(c, s.host().pk()))) > 0 ? 1 : 0);
        }
        return alerted;
    }

    /** What decides a finding's level on a date: its rule (and so its pack), profile and presence. */
    private record Judged(String ruleId, String profile, Presence presence) {
        String pack() {
            return ruleId.substring(0, Math.max(0, ruleId.indexOf(':')));
        }
    }

    /** A deadline alert not yet in the outbox: the host, the milestone, the lead, the rules it turns VIOLATION. */
    private record Due(AlertPayload.HostRef host, MilestoneInfo milestone, int lead, long daysLeft, Set<String> rules) {
    }

    /**
     * Hosts whose stored findings a milestone within the largest configured lead will make
     * VIOLATION: one alert per host, milestone and lead (the smallest configured lead that covers
     * the days left, so a first run 5 days before does not send the 30-day one too). Two reads
     * find what is due (the candidates' findings, the deadline alerts already made); only a host
     * with an alert to make is read again, in the transaction that adds it.
     */
    private int deadlines(long now) {
        Clock at = Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC);
        if (!anyMilestoneAhead(at)) {
            // The usual case once a pack's dates have passed: no host needs reading.
            return 0;
        }
        List<Due> due = db.transaction(c -> {
            Set<String> made = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT alert_key FROM alerts WHERE kind = ?")) {
                ps.setString(1, AlertKind.DEADLINE_APPROACHING.column());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        made.add(rs.getString(1));
                    }
                }
            }
            Map<Long, AlertPayload.HostRef> hosts = new LinkedHashMap<>();
            Map<Long, List<Judged>> judged = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + HOST_COLUMNS + ", f.rule_id, f.profile, f.presence"
                    + " FROM hosts h JOIN findings f ON f.host_pk = h.pk WHERE h.retired_at IS NULL AND f.kind = ?"
                    + " AND f.level <> ? ORDER BY h.pk")) {
                ps.setString(1, FindingKind.PRODUCT.jsonName());
                ps.setString(2, Level.VIOLATION.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long pk = rs.getLong(1);
                        if (!hosts.containsKey(pk)) {
                            hosts.put(pk, hostRef(rs));
                        }
                        judged.computeIfAbsent(pk, k -> new ArrayList<>()).add(new Judged(rs.getString(7),
                                rs.getString(8), Presence.fromJson(rs.getString(9))));
                    }
                }
            }
            List<Due> out = new ArrayList<>();
            for (AlertPayload.HostRef host : hosts.values()) {
                for (Map.Entry<MilestoneInfo, Set<String>> e : turningViolation(judged.get(host.pk()), at).entrySet()) {
                    MilestoneInfo m = e.getKey();
                    long daysLeft = ChronoUnit.DAYS.between(rules.today(m.packId(), at), m.date());
                    int lead = settings.deadlineDays().stream().filter(d -> d >= daysLeft).findFirst().orElseThrow();
                    if (!made.contains(AlertPayload.deadlineKey(host.id(), m, lead))) {
                        out.add(new Due(host, m, lead, daysLeft, e.getValue()));
                    }
                }
            }
            return out;
        });
        int alerted = 0;
        for (Due d : due.subList(0, Math.min(due.size(), MAX_PER_RUN))) {
            alerted += db.retryingTransaction(c -> {
                List<AlertFinding> affected = StoredFindings.read(c, d.host().pk()).stream()
                        .filter(f -> d.rules().contains(f.ruleId()) && f.level() != Level.VIOLATION).toList();
                // Empty when the host reported meanwhile and no longer has them.
                return affected.isEmpty() ? 0 : outbox.add(c, payloads.deadlineApproaching(d.host(), d.milestone(),
                        d.lead(), d.daysLeft(), now, affected)) > 0 ? 1 : 0;
            });
        }
        return alerted;
    }

    /** True when some pack has a milestone within the largest lead. */
    private boolean anyMilestoneAhead(Clock at) {
        int lead = settings.deadlineDays().get(settings.deadlineDays().size() - 1);
        for (MilestoneInfo m : rules.milestones()) {
            LocalDate today = rules.today(m.packId(), at);
            if (m.date().isAfter(today) && !m.date().isAfter(today.plusDays(lead))) {
                return true;
            }
        }
        return false;
    }

    /** The milestones within the largest lead that turn some of {@code findings} into VIOLATION, with their rules. */
    private Map<MilestoneInfo, Set<String>> turningViolation(List<Judged> findings, Clock at) {
        int lead = settings.deadlineDays().get(settings.deadlineDays().size() - 1);
        Map<MilestoneInfo, Set<String>> out = new LinkedHashMap<>();
        for (Judged f : findings) {
            String pack = f.pack();
            LocalDate today = rules.today(pack, at);
            for (MilestoneInfo m : rules.milestones()) {
                if (m.packId().equals(pack) && m.date().isAfter(today) && !m.date().isAfter(today.plusDays(lead))
                        && rules.levelOn(pack, f.profile(), f.presence(), m.date()) == Level.VIOLATION
                        && rules.levelOn(pack, f.profile(), f.presence(), m.date().minusDays(1)) != Level.VIOLATION) {
                    out.computeIfAbsent(m, k -> new HashSet<>()).add(f.ruleId());
                }
            }
        }
        return out;
    }

    /** The day's digest (UTC), once, from the configured hour on. */
    private int digest(long now) {
        Instant at = Instant.ofEpochMilli(now);
        if (at.atZone(ZoneOffset.UTC).getHour() < settings.digestHour()) {
            return 0;
        }
        LocalDate day = at.atZone(ZoneOffset.UTC).toLocalDate();
        return db.retryingTransaction(c -> {
            if (exists(c, "digest:" + day)) {
                return 0;
            }
            return outbox.add(c, payloads.digest(day, fleet(c, now), now)) > 0 ? 1 : 0;
        });
    }

    private FleetDigest fleet(Connection c, long now) throws SQLException {
        Map<Verdict, Long> byLevel = new EnumMap<>(Verdict.class);
        long hosts = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT level, COUNT(*) FROM hosts WHERE retired_at IS NULL"
                + " GROUP BY level")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Verdict v = rs.getString(1) == null ? Verdict.CLEAN : Verdict.valueOf(rs.getString(1));
                    byLevel.merge(v, rs.getLong(2), Long::sum);
                    hosts += rs.getLong(2);
                }
            }
        }
        long stale;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM hosts WHERE retired_at IS NULL"
                + " AND last_seen < ?")) {
            ps.setLong(1, now - settings.staleDays() * DAY_MS);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                stale = rs.getLong(1);
            }
        }
        // Since the previous digest, so that no change is told twice (a day, for the first one).
        long since = now - DAY_MS;
        try (PreparedStatement ps = c.prepareStatement("SELECT MAX(created_at) FROM alerts WHERE kind = ?")) {
            ps.setString(1, AlertKind.DIGEST.column());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getObject(1) != null) {
                    since = rs.getLong(1);
                }
            }
        }
        List<FleetDigest.Change> changes = new ArrayList<>();
        long total = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT h.host_id, h.hostname, e.from_level, e.to_level, e.at"
                + " FROM host_history e JOIN hosts h ON h.pk = e.host_pk WHERE e.event = 'level' AND e.at > ?"
                + " AND e.at <= ? AND h.retired_at IS NULL ORDER BY e.at, e.id")) {
            ps.setLong(1, since);
            ps.setLong(2, now);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (total++ < DIGEST_CHANGES) {
                        changes.add(new FleetDigest.Change(rs.getString(1), rs.getString(2), verdict(rs.getString(3)),
                                verdict(rs.getString(4)), rs.getLong(5)));
                    }
                }
            }
        }
        return new FleetDigest(hosts, byLevel, stale, since, changes, total - changes.size());
    }

    /** A stored level; null (a clean host) is CLEAN. */
    private static Verdict verdict(String level) {
        return level == null ? Verdict.CLEAN : Verdict.valueOf(level);
    }

    private static boolean exists(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM alerts WHERE alert_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}
