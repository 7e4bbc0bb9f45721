package io.banwatch.bench;

import io.banwatch.collector.ingest.PackedLinks;
import io.banwatch.json.ReportCodec;
import io.banwatch.model.Evidence;
import io.banwatch.model.Host;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * Fills a fresh collector database with stored hosts, directly (not through the API), for benches
 * that time what the collector does with a fleet it already has: each host's row and its one
 * report, as the collector would have stored them, without the ingest's cost. With
 * {@code inventories}, also each host's packed links to the software catalogue
 * ({@code host_inventories}, {@code software}, {@code scopes}) as ingest writes them, left for the
 * software index to pick up ({@code indexed_gen} 0, so every host is pending).
 */
final class StoredFleet {
    private StoredFleet() {
    }

    static void fill(String url, Fleet fleet, int hosts, IntFunction<List<Software>> inventory, boolean inventories)
            throws SQLException {
        ReportCodec codec = new ReportCodec();
        long now = System.currentTimeMillis();
        Map<List<String>, Long> softwareIds = new HashMap<>();
        Map<String, Long> scopeIds = new HashMap<>();
        try (Connection c = DriverManager.getConnection(url)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA synchronous=OFF");
            }
            c.setAutoCommit(false);
            try (PreparedStatement h = c.prepareStatement("INSERT INTO hosts (host_id, hostname, os_family, profile,"
                    + " first_seen, last_seen, last_scanned_at, last_report_id, inventory_hash, software_count,"
                    + " finding_count, rules_version) VALUES (?, ?, 'linux', ?, ?, ?, ?, ?, ?, ?, 0, 'bench: older packs')",
                    Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement r = c.prepareStatement("INSERT INTO reports (report_id, host_pk, received_at,"
                         + " scanned_at, inventory_hash, raw) VALUES (?, ?, ?, ?, ?, ?)");
                 PreparedStatement sw = c.prepareStatement("INSERT INTO software (name, version, publisher, source,"
                         + " arch) VALUES (?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement sc = c.prepareStatement("INSERT INTO scopes (name) VALUES (?)",
                         Statement.RETURN_GENERATED_KEYS);
                 PreparedStatement inv = c.prepareStatement("INSERT INTO host_inventories (host_pk, software_count,"
                         + " links, changed_at) VALUES (?, ?, ?, ?)")) {
                for (int n = 0; n < hosts; n++) {
                    Host host = fleet.host(n);
                    List<Software> software = inventory.apply(n);
                    List<Evidence> observations = fleet.observations(n);
                    String hash = InventoryHash.of(software, List.of(), observations);
                    String reportId = UUID.randomUUID().toString();
                    ScanReport report = new ScanReport(ScanReport.SCHEMA_VERSION, reportId, "0.1.0",
                            Instant.ofEpochMilli(now), LocalDate.now(), fleet.profile(n), host, software, List.of(),
                            observations, List.of(), List.of(), hash);
                    h.setString(1, host.id());
                    h.setString(2, host.hostname());
                    h.setString(3, fleet.profile(n));
                    h.setLong(4, now);
                    h.setLong(5, now);
                    h.setLong(6, now);
                    h.setString(7, reportId);
                    h.setString(8, hash);
                    h.setInt(9, software.size());
                    h.executeUpdate();
                    long pk = key(h);
                    r.setString(1, reportId);
                    r.setLong(2, pk);
                    r.setLong(3, now);
                    r.setLong(4, now);
                    r.setString(5, hash);
                    r.setBytes(6, ReportFactory.gzip(codec.toBytes(report, false)));
                    r.executeUpdate();
                    if (inventories) {
                        long[] pairs = links(software, softwareIds, scopeIds, sw, sc);
                        inv.setLong(1, pk);
                        inv.setInt(2, pairs.length / 2);
                        inv.setBytes(3, PackedLinks.encode(pairs));
                        inv.setLong(4, now);
                        inv.executeUpdate();
                    }
                    if (n % 5_000 == 4_999) {
                        c.commit();
                    }
                }
            }
            c.commit();
        }
    }

    /** The host's (software id, scope id) pairs, each once; catalogue rows and scopes added when new. */
    private static long[] links(List<Software> software, Map<List<String>, Long> softwareIds,
                                Map<String, Long> scopeIds, PreparedStatement sw, PreparedStatement sc)
            throws SQLException {
        long[] pairs = new long[software.size() * 2];
        Set<List<Long>> seen = new HashSet<>();
        int n = 0;
        for (Software s : software) {
            List<String> k = Arrays.asList(orEmpty(s.name()), orEmpty(s.version()), orEmpty(s.publisher()),
                    orEmpty(s.source()), orEmpty(s.arch()));
            Long id = softwareIds.get(k);
            if (id == null) {
                for (int i = 0; i < 5; i++) {
                    sw.setString(i + 1, k.get(i));
                }
                sw.executeUpdate();
                id = key(sw);
                softwareIds.put(k, id);
            }
            String scope = orEmpty(s.scope());
            Long scopeId = scopeIds.get(scope);
            if (scopeId == null) {
                sc.setString(1, scope);
                sc.executeUpdate();
                scopeId = key(sc);
                scopeIds.put(scope, scopeId);
            }
            if (seen.add(List.of(id, scopeId))) {
                pairs[n++] = id;
                pairs[n++] = scopeId;
            }
        }
        return Arrays.copyOf(pairs, n);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static long key(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }

    static long count(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
