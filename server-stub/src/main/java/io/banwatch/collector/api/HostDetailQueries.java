package io.banwatch.collector.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.banwatch.collector.db.Database;
import io.banwatch.collector.db.Params;
import io.banwatch.collector.ingest.PackedLinks;
import io.banwatch.model.Verdict;
import io.banwatch.rules.MilestoneInfo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One host: its findings, scan errors, security products, software and history. */
public final class HostDetailQueries {
    private final Database db;
    private final Clock clock;
    private final int staleDays;
    private final FindingRows findingRows;
    private final ObjectMapper json = new ObjectMapper();

    public HostDetailQueries(Database db, Clock clock, int staleDays, List<MilestoneInfo> milestones) {
        this.db = db;
        this.clock = clock;
        this.staleDays = staleDays;
        this.findingRows = new FindingRows(milestones);
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

    /**
     * One transition of a host.
     *
     * @param reportId the report that caused it, or null (an admin's change, a re-judging)
     * @param reason   why, when no report caused it ("rules changed"), else null
     */
    public record HistoryRow(String at, String event, String fromLevel, String toLevel, String reportId, String reason) {
    }

    /**
     * @param scanErrors the sources the last judged scan could not read; a primary one makes the
     *                   scan incomplete
     */
    public record HostDetail(HostRow host, List<FindingRow> findings, List<ScanErrorRow> scanErrors,
                             List<ProductRow> securityProducts, List<SoftwareRow> software, List<HistoryRow> history) {
    }

    public Optional<HostDetail> host(String hostId) {
        long staleBefore = HostRows.staleBefore(clock.millis(), staleDays);
        return db.read(c -> {
            long pk;
            HostRow row;
            String scanErrors;
            try (PreparedStatement ps = c.prepareStatement("SELECT pk, scan_errors, " + HostRows.COLUMNS
                    + " FROM hosts WHERE host_id = ?")) {
                ps.setString(1, hostId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    pk = rs.getLong(1);
                    scanErrors = rs.getString(2);
                    row = HostRows.read(rs, 3, staleBefore);
                }
            }
            List<FindingRow> findings = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(FindingRows.SELECT + " WHERE f.host_pk = ? ORDER BY "
                    + FindingRows.ORDER + ", f.product")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        findings.add(findingRows.read(rs));
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
                                Params.getBoolean(rs, 5), Params.getBoolean(rs, 6), Reads.time(Params.getLong(rs, 7))));
                    }
                }
            }
            List<SoftwareRow> software = software(c, pk);
            List<HistoryRow> history = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT at, event, from_level, to_level, report_id,"
                    + " reason FROM host_history WHERE host_pk = ? ORDER BY at DESC, id DESC LIMIT 500")) {
                ps.setLong(1, pk);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        history.add(new HistoryRow(Reads.time(rs.getLong(1)), rs.getString(2), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6)));
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
                pairs = PackedLinks.decode(rs.getBytes(1));
            }
        }
        Map<Long, String> scopes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM scopes"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                scopes.put(rs.getLong(1), rs.getString(2));
            }
        }
        Map<Long, SoftwareRow> rows = new HashMap<>();
        int n = pairs.length / 2;
        for (int from = 0; from < n; from += 500) {
            int to = Math.min(n, from + 500);
            String marks = String.join(",", Collections.nCopies(to - from, "?"));
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
        out.sort(Comparator.comparing(SoftwareRow::name).thenComparing(r -> r.version() == null ? "" : r.version()));
        return out;
    }

    /**
     * The history with a verdict on every level change: the table keeps CLEAN as NULL, and NULL
     * also as the "from" of a host's first report, which had nothing before it (and stays null).
     */
    private static List<HistoryRow> levelsNamed(List<HistoryRow> history) {
        Set<String> firstReports = new HashSet<>();
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
            out.add(new HistoryRow(e.at(), e.event(), from, to, e.reportId(), e.reason()));
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
        } catch (IOException e) {
            throw new UncheckedIOException("hosts.scan_errors is not JSON", e);
        }
        return out;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
