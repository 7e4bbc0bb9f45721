package io.banwatch.collector.ingest;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.ScanReport;
import io.banwatch.collector.db.Database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * What the collector last judged a host with, read before a new report is judged: whether that
 * judgement still holds (same inventory, day, rules and profile), and the stored inventory a slim
 * report refers to.
 */
final class HostJudgements {
    private final Database db;
    private final ReportCodec codec = ReportCodec.forFleet();

    HostJudgements(Database db) {
        this.db = db;
    }

    /**
     * A host's current judgement.
     *
     * @param pk            the host row
     * @param inventoryHash the inventory it was judged on
     * @param judgedOn      the date it was judged at, or null
     * @param rules         the rule versions, or null
     * @param profile       the profile
     * @param level         the level, or null (clean)
     * @param findings      how many findings
     * @param scanErrors    the sources the judged scan could not read ({@link ScanErrorsJson}), or null
     */
    record Current(long pk, String inventoryHash, String judgedOn, String rules, String profile, String level,
                   int findings, String scanErrors) {
    }

    Optional<Current> current(String hostId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pk, inventory_hash, judged_on, rules_version, profile,"
                    + " level, finding_count, scan_errors FROM hosts WHERE host_id = ?")) {
                ps.setString(1, hostId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Current(rs.getLong(1), rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8)))
                            : Optional.empty();
                }
            }
        });
    }

    /** The full report that carried this host's inventory with this hash, if it is still kept. */
    Optional<ScanReport> inventory(long hostPk, String inventoryHash) {
        byte[] raw = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT raw FROM reports WHERE host_pk = ? AND inventory_hash = ?"
                    + " AND raw IS NOT NULL ORDER BY received_at DESC LIMIT 1")) {
                ps.setLong(1, hostPk);
                ps.setString(2, inventoryHash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getBytes(1) : null;
                }
            }
        });
        if (raw == null) {
            return Optional.empty();
        }
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(raw))) {
            ScanReport full = codec.read(in);
            return full.inventoryOmitted() ? Optional.empty() : Optional.of(full);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
