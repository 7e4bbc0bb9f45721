package io.banwatch.agent.send;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;

/**
 * The agent's own record of its last scan and send, for {@code banwatch status}, kept in a small
 * properties file in the state directory. The file's keys are this class's alone: callers say what
 * happened and read a {@link Snapshot}.
 */
public final class AgentStatus {
    /** The send result written when every report was delivered. */
    public static final String SEND_OK = "ok";

    private static final String LAST_SCAN_AT = "last-scan-at";
    private static final String LAST_SCAN_REPORT_ID = "last-scan-report-id";
    private static final String LAST_SCAN_FINDINGS = "last-scan-findings";
    private static final String LAST_SEND_AT = "last-send-at";
    private static final String LAST_SEND_COUNT = "last-send-count";
    private static final String LAST_SEND_ATTEMPT_AT = "last-send-attempt-at";
    private static final String LAST_SEND_RESULT = "last-send-result";
    private static final String ACKNOWLEDGED_INVENTORY_HASH = "acknowledged-inventory-hash";

    /**
     * What the file says; a field is null until that happened once (or when a hand edit left a value
     * that does not read).
     *
     * @param lastSendAt        the last send that delivered at least one report
     * @param lastSendAttemptAt the last send, whatever its result
     * @param lastSendResult    {@link #SEND_OK}, or why the last send left reports in the spool
     * @param acknowledgedInventoryHash the inventory the collector last acknowledged, so an unchanged
     *                          one can be sent in its slim form
     */
    public record Snapshot(Instant lastScanAt, String lastScanReportId, Integer lastScanFindings,
                           Instant lastSendAt, Integer lastSendCount, Instant lastSendAttemptAt,
                           String lastSendResult, String acknowledgedInventoryHash) {
        /** True when the last send left something behind (a result other than {@link #SEND_OK}). */
        public boolean lastSendFailed() {
            return lastSendResult != null && !SEND_OK.equals(lastSendResult);
        }
    }

    private final Path file;

    public AgentStatus(Path file) {
        this.file = file;
    }

    public Snapshot read() {
        Properties p = load();
        return new Snapshot(instant(p, LAST_SCAN_AT), p.getProperty(LAST_SCAN_REPORT_ID), count(p, LAST_SCAN_FINDINGS),
                instant(p, LAST_SEND_AT), count(p, LAST_SEND_COUNT), instant(p, LAST_SEND_ATTEMPT_AT),
                p.getProperty(LAST_SEND_RESULT), p.getProperty(ACKNOWLEDGED_INVENTORY_HASH));
    }

    /** A scan finished and its report was spooled. */
    public void scanned(Instant at, String reportId, int findings) {
        update(LAST_SCAN_AT, at.toString(), LAST_SCAN_REPORT_ID, reportId, LAST_SCAN_FINDINGS, Integer.toString(findings));
    }

    /** A send ended: {@code delivered} reports reached the collector; {@code problem} is null when none is left. */
    public void sendEnded(Instant at, int delivered, String problem) {
        String result = problem == null ? SEND_OK : problem;
        if (delivered > 0) {
            update(LAST_SEND_AT, at.toString(), LAST_SEND_COUNT, Integer.toString(delivered),
                    LAST_SEND_ATTEMPT_AT, at.toString(), LAST_SEND_RESULT, result);
        } else {
            update(LAST_SEND_ATTEMPT_AT, at.toString(), LAST_SEND_RESULT, result);
        }
    }

    /** The collector acknowledged an inventory with this hash. */
    public void acknowledged(String inventoryHash) {
        update(ACKNOWLEDGED_INVENTORY_HASH, inventoryHash);
    }

    private Properties load() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (NoSuchFileException e) {
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** Sets some keys, keeping the others; written atomically. */
    private void update(String... keysAndValues) {
        Properties p = load();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            p.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".new");
            try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                p.store(w, "banwatch agent status");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Instant instant(Properties p, String key) {
        String text = p.getProperty(key);
        try {
            return text == null ? null : Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Integer count(Properties p, String key) {
        String text = p.getProperty(key);
        try {
            return text == null ? null : Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
