package io.banwatch.collector.api;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Install locations, read from a host's stored report when a list shows them: ingest keeps only
 * the packages' identities in the packed links (a location per package per host would be ~800
 * strings per report written for a column few ever look at). One report is decoded per host, and
 * only for the hosts a page or an export lists. Hosts whose reports are not kept
 * ({@code store-raw-reports: false}, or pruned) have no location.
 */
final class InstallLocations {
    private final ReportCodec codec = new ReportCodec();
    /** Per host pk: package key to location; kept for one page or one export. */
    private final Map<Long, Map<String, String>> byHost = new HashMap<>();

    /** The location of this package on this host, or null. */
    String of(Connection c, long hostPk, String inventoryHash, SoftwareHostRow row) throws SQLException {
        Map<String, String> locations = byHost.get(hostPk);
        if (locations == null) {
            locations = read(c, hostPk, inventoryHash);
            byHost.put(hostPk, locations);
        }
        return locations.get(key(row.name(), row.version(), row.publisher(), row.source(), row.arch(), row.scope()));
    }

    private Map<String, String> read(Connection c, long hostPk, String inventoryHash) throws SQLException {
        byte[] raw;
        try (PreparedStatement ps = c.prepareStatement("SELECT raw FROM reports WHERE host_pk = ? AND inventory_hash = ?"
                + " AND raw IS NOT NULL ORDER BY received_at DESC LIMIT 1")) {
            ps.setLong(1, hostPk);
            ps.setString(2, inventoryHash);
            try (ResultSet rs = ps.executeQuery()) {
                raw = rs.next() ? rs.getBytes(1) : null;
            }
        }
        Map<String, String> out = new HashMap<>();
        if (raw == null) {
            return out;
        }
        ScanReport report;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            report = codec.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("a stored report of host " + hostPk + " cannot be read", e);
        }
        for (Software s : report.software()) {
            if (s.location() != null) {
                out.putIfAbsent(key(s.name(), s.version(), s.publisher(), s.source(), s.arch(), s.scope()), s.location());
            }
        }
        return out;
    }

    /** Absent values are "" in the catalogue and null in a report: both key the same. */
    private static String key(String name, String version, String publisher, String source, String arch, String scope) {
        return String.join("\u0000", name, n(version), n(publisher), source, n(arch), scope);
    }

    private static String n(String s) {
        return s == null ? "" : s;
    }
}
