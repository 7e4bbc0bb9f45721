package io.banwatch.agent.spool;

import io.banwatch.json.ReportCodec;
import io.banwatch.model.ScanReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Reports waiting to be sent, one gzip file each, written so that nothing is lost:
 * <ol>
 *   <li>a report is written to a temporary file, forced to disk, renamed into place atomically and
 *       the directory forced too, before any attempt to send it — a kill or a power loss at any point
 *       leaves either no file or a whole one;</li>
 *   <li>it is deleted only after the collector acknowledged it (and the collector stores a report id
 *       once, so a resend after a lost acknowledgement is harmless);</li>
 *   <li>when the spool is over its limits, the oldest reports without findings make room, with a
 *       warning; a report with findings is never dropped;</li>
 *   <li>a file that cannot be read back is moved to {@code quarantine/} with a warning.</li>
 * </ol>
 */
public final class Spool {
    private static final Logger LOG = LoggerFactory.getLogger(Spool.class);
    private static final String TEMP_PREFIX = ".tmp-";

    private final Path dir;
    private final int maxReports;
    private final long maxBytes;
    private final ReportCodec codec = new ReportCodec();

    public Spool(Path dir, int maxReports, long maxBytes) {
        this.dir = dir;
        this.maxReports = maxReports;
        this.maxBytes = maxBytes;
    }

    public Path dir() {
        return dir;
    }

    /** Writes a report durably; returns its spool entry. */
    public SpooledReport add(ScanReport report) {
        byte[] gz = gzip(codec.toBytes(report, false));
        String name = SpooledReport.fileName(report.scannedAt().toEpochMilli(), report.reportId(),
                !report.findings().isEmpty());
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve(TEMP_PREFIX + UUID.randomUUID());
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(gz);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Path target = dir.resolve(name);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory();
            SpooledReport entry = new SpooledReport(target, report.reportId(), report.scannedAt().toEpochMilli(),
                    !report.findings().isEmpty(), gz.length);
            enforceLimits(entry);
            return entry;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to the spool " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Waiting reports, oldest first. Removes temporary files left by an interrupted write. */
    public List<SpooledReport> pending() {
        List<SpooledReport> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.startsWith(TEMP_PREFIX)) {
                    // A write that never reached its rename: the scan that made it did not complete.
                    Files.deleteIfExists(f);
                    continue;
                }
                if (!Files.isRegularFile(f)) {
                    continue;
                }
                SpooledReport r = SpooledReport.parse(f, Files.size(f));
                if (r == null) {
                    quarantine(f, "not a spool file name");
                } else {
                    out.add(r);
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the spool " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparingLong(SpooledReport::scannedAt).thenComparing(SpooledReport::reportId));
        return out;
    }

    /**
     * A spooled report as stored (gzip) and decoded.
     *
     * @param gzip   the file's bytes, ready to send
     * @param report the report they hold
     */
    public record Loaded(byte[] gzip, ScanReport report) {
    }

    /**
     * The report, after checking the file decodes to it; a file that does not is quarantined
     * and null is returned.
     */
    public Loaded load(SpooledReport r) {
        byte[] gz;
        try {
            gz = Files.readAllBytes(r.file());
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (GZIPInputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(gz))) {
            ScanReport report = codec.read(in);
            if (!report.reportId().equals(r.reportId())) {
                quarantine(r.file(), "holds report " + report.reportId() + ", not " + r.reportId());
                return null;
            }
            return new Loaded(gz, report);
        } catch (IOException | RuntimeException e) {
            quarantine(r.file(), "unreadable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return null;
        }
    }

    /** The gzip bytes to send, or null when the file was unreadable (and is now quarantined). */
    public byte[] read(SpooledReport r) {
        Loaded loaded = load(r);
        return loaded == null ? null : loaded.gzip();
    }

    /** A report encoded as it is sent: JSON, gzip-compressed. */
    public byte[] encode(ScanReport report) {
        return gzip(codec.toBytes(report, false));
    }

    /** Removes a report the collector acknowledged. */
    public void acknowledge(SpooledReport r) {
        try {
            Files.deleteIfExists(r.file());
            forceDirectory();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + r.file() + ": " + e.getMessage(), e);
        }
    }

    /** Moves a report aside that can never be delivered (corrupt, or refused by the collector as invalid). */
    public void quarantine(Path file, String why) {
        try {
            Path q = Files.createDirectories(dir.resolve("quarantine"));
            Files.move(file, q.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            LOG.warn("spool file {} moved to {}: {}", file.getFileName(), q, why);
        } catch (IOException e) {
            LOG.warn("spool file {} is bad ({}) and could not be quarantined: {}", file.getFileName(), why, e.getMessage());
        }
    }

    public long bytes() {
        return pending().stream().mapToLong(SpooledReport::size).sum();
    }

    private void enforceLimits(SpooledReport justAdded) {
        List<SpooledReport> all = pending();
        long bytes = all.stream().mapToLong(SpooledReport::size).sum();
        int count = all.size();
        for (SpooledReport r : all) {
            if (count <= maxReports && bytes <= maxBytes) {
                return;
            }
            if (!r.hasFindings() && !r.equals(justAdded)) {
                acknowledgeQuietly(r);
                count--;
                bytes -= r.size();
                LOG.warn("spool full ({} reports, limit {}; {} bytes, limit {}): dropped the oldest report without"
                        + " findings, {}", count + 1, maxReports, bytes + r.size(), maxBytes, r.reportId());
            }
        }
        if (count > maxReports || bytes > maxBytes) {
            LOG.warn("spool over its limit with {} reports ({} bytes); the rest hold findings and are kept", count, bytes);
        }
    }

    private void acknowledgeQuietly(SpooledReport r) {
        try {
            Files.deleteIfExists(r.file());
        } catch (IOException e) {
            LOG.warn("cannot drop {}: {}", r.file(), e.getMessage());
        }
    }

    /** Makes a rename durable: fsync the directory (not possible on Windows, where rename is durable). */
    private void forceDirectory() {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a directory as a channel; NTFS journals the rename itself.
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 5 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
