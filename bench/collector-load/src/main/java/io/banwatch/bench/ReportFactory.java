package io.banwatch.bench;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.Evidence;
import io.banwatch.model.InventoryHash;
import io.banwatch.model.ScanReport;
import io.banwatch.model.Software;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

/**
 * Builds the wire form of the fleet's reports as the agent sends them: JSON, gzip'd, a new
 * reportId each time. Full reports carry the inventory; slim ones only its hash (the agent's
 * form when nothing changed since the last acknowledged report).
 */
final class ReportFactory {
    private static final ReportCodec CODEC = new ReportCodec();

    private final Fleet fleet;
    private final Clock clock;
    /** Each host's inventory hash, kept so slim reports need not rebuild the inventory. */
    private final String[] hashes;

    ReportFactory(Fleet fleet, Clock clock, int hosts) {
        this.fleet = fleet;
        this.clock = clock;
        this.hashes = new String[hosts];
    }

    byte[] full(int n) {
        List<Software> software = fleet.software(n);
        List<Evidence> observations = fleet.observations(n);
        String hash = InventoryHash.of(software, List.of(), observations);
        hashes[n] = hash;
        return gzip(CODEC.toBytes(report(n, software, observations, hash, false), false));
    }

    /** A full report of the fill's lighter inventory (see {@link Fleet#lightSoftware}). */
    byte[] light(int n) {
        List<Software> software = fleet.lightSoftware(n);
        List<Evidence> observations = fleet.observations(n);
        String hash = InventoryHash.of(software, List.of(), observations);
        hashes[n] = hash;
        return gzip(CODEC.toBytes(report(n, software, observations, hash, false), false));
    }

    byte[] slim(int n) {
        String hash = hashes[n];
        if (hash == null) {
            throw new IllegalStateException("host " + n + " has sent no full report yet");
        }
        return gzip(CODEC.toBytes(report(n, List.of(), List.of(), hash, true), false));
    }

    private ScanReport report(int n, List<Software> software, List<Evidence> observations, String hash,
                              boolean omitted) {
        return new ScanReport(ScanReport.SCHEMA_VERSION, UUID.randomUUID().toString(), "0.1.0", clock.instant(),
                LocalDate.now(clock.withZone(ZoneOffset.UTC)), fleet.profile(n), fleet.host(n), software, List.of(),
                observations, List.of(), List.of(), hash, omitted);
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 6 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The uncompressed size of a full report of host n, for the record. */
    int jsonBytes(int n) {
        List<Software> software = fleet.software(n);
        List<Evidence> observations = fleet.observations(n);
        return CODEC.toBytes(report(n, software, observations, InventoryHash.of(software, List.of(), observations),
                false), false).length;
    }
}
